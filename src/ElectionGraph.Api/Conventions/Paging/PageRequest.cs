using ElectionGraph.Api.Conventions.Filtering;
using GraphQL;

namespace ElectionGraph.Api.Conventions.Paging;

/// <summary>The paging arguments of a list field, checked.</summary>
public sealed record PageRequest(int Size, bool FromEnd, string? After, string? Before)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public static readonly string[] Arguments = ["first", "after", "last", "before"];

    public static PageRequest From(IResolveFieldContext context)
    {
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        if (first is not null && last is not null)
            throw new FilterError("PAGING_INVALID", "Give first or last, not both.");
        var size = first ?? last ?? DefaultSize;
        if (size < 0) throw new FilterError("PAGING_INVALID", "first and last cannot be negative.");
        if (size > MaxSize)
            throw new FilterError("PAGE_SIZE_TOO_LARGE", $"A page holds at most {MaxSize} items; ask for {MaxSize} or fewer and follow pageInfo.endCursor.");
        return new PageRequest(size, last is not null, context.GetArgument<string?>("after"), context.GetArgument<string?>("before"));
    }
}
