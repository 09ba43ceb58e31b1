using ElectionGraph.Domain;
using GraphQL.Types;

namespace ElectionGraph.Api.Schema;

public static class Stamps
{
    /// <summary>The fields every stored document carries, for partners who cache or poll.</summary>
    public static void AddStamps<T>(this ObjectGraphType<T> type) where T : IDocument
    {
        type.Field<NonNullGraphType<IntGraphType>, int>("version")
            .Description("1 for the first stored version; each accepted change adds one.")
            .Resolve(context => checked((int)context.Source.Version));
        type.Field(d => d.UpdatedAt).Description("When this version was stored (UTC).");
    }
}
