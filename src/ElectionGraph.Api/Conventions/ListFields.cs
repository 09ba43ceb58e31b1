using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Conventions.Paging;
using ElectionGraph.Api.Conventions.Sorting;
using ElectionGraph.Api.Downloads;
using ElectionGraph.Api.Limits;
using ElectionGraph.Domain;
using ElectionGraph.Storage;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace ElectionGraph.Api.Conventions;

/// <summary>
/// A list field in one line: "this field is this <c>IQueryable</c>, with filtering, sorting, paging and
/// updatedSince". The conventions add the arguments and run the query in the store; the same declaration
/// makes the list a download (<c>/downloads/{name}.csv</c>).
/// </summary>
public static class ListFields
{
    public static FieldBuilder<TSource, object> Connection<TSource, TNodeGraph, TNode>(
        this ObjectGraphType<TSource> type, string name,
        Func<IResolveFieldContext<TSource>, IQueryable<TNode>> source, params SortKey[] defaultOrder)
        where TNodeGraph : IGraphType where TNode : class =>
        type.Field<NonNullGraphType<ConnectionGraphType<TNodeGraph, TNode>>>(name)
            .Argument<FilterInputGraphType<TNode>>("where", "Only the items that match.")
            .Argument<ListGraphType<NonNullGraphType<SortInputGraphType<TNode>>>>("order",
                "Sort keys, first key first: [{ region: ASC }, { name: DESC }]. The id is always the last key, so the order is total.")
            .Argument<DateTimeGraphType>("updatedSince", "Only items stored at or after this time: pass the largest updatedAt you have seen to poll for changes.")
            .Argument<IntGraphType>("first", $"Items from the start (default {PageRequest.DefaultSize}, at most {PageRequest.MaxSize}).")
            .Argument<StringGraphType>("after", "Continue after this cursor.")
            .Argument<IntGraphType>("last", $"Items from the end (at most {PageRequest.MaxSize}).")
            .Argument<StringGraphType>("before", "Continue before this cursor.")
            .Costs(FieldCost.Page)
            .Downloadable(context => source(context.As<TSource>()), defaultOrder)
            .ResolveAsync(async context => await ListQuery.RunAsync(context, source(context), defaultOrder));

    public static FieldBuilder<object, object> Connection<TNodeGraph, TNode>(
        this ObjectGraphType root, string name,
        Func<IResolveFieldContext<object?>, IQueryable<TNode>> source, params SortKey[] defaultOrder)
        where TNodeGraph : IGraphType where TNode : class =>
        root.Connection<object?, TNodeGraph, TNode>(name, source, defaultOrder)!;

    /// <summary>The store's queryable of a document type, for a field's source.</summary>
    public static IQueryable<T> Documents<T>(this IResolveFieldContext context) where T : class, IDocument =>
        context.Collection<T>().Query();

    public static IDocumentCollection<T> Collection<T>(this IResolveFieldContext context) where T : class, IDocument =>
        context.RequestServices!.GetRequiredService<IDocumentStore>().Collection<T>();

    /// <summary>One document by id, or null.</summary>
    public static async Task<T?> Find<T>(this IResolveFieldContext context, string id, CancellationToken cancellationToken) where T : class, IDocument =>
        await context.Collection<T>().FindAsync(id, cancellationToken);

    /// <summary>Every party code the store knows, for checking declarations.</summary>
    public static async Task<IReadOnlySet<string>> PartyCodes(this IResolveFieldContext context, CancellationToken cancellationToken) =>
        (await context.Documents<Domain.Parties.Party>().Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
}
