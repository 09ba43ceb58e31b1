using ElectionGraph.Domain;
using ElectionGraph.Storage;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Api.Schema;

/// <summary>
/// Fields read from the store: a feature gives the query shape over the collection's <c>IQueryable</c>,
/// and the field runs it (in memory on the embedded store, inside MongoDB on Mongo).
/// </summary>
public static class StoreFields
{
    public static FieldBuilder<TSource, object> StoreList<TSource, TGraph, TDoc>(
        this ObjectGraphType<TSource> type, string name, Func<IQueryable<TDoc>, IResolveFieldContext<TSource>, IQueryable<TDoc>> query)
        where TGraph : IGraphType where TDoc : class, IDocument =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TGraph>>>>(name)
            .ResolveAsync(async context => await query(Documents<TDoc>(context), context).ToListAsync(context.CancellationToken));

    public static FieldBuilder<TSource, object> StoreItem<TSource, TGraph, TDoc>(
        this ObjectGraphType<TSource> type, string name, Func<IQueryable<TDoc>, IResolveFieldContext<TSource>, IQueryable<TDoc>?> query)
        where TGraph : IGraphType where TDoc : class, IDocument =>
        type.Field<TGraph>(name)
            .ResolveAsync(async context => query(Documents<TDoc>(context), context) is { } found
                ? await found.FirstOrDefaultAsync(context.CancellationToken)
                : null);

    public static FieldBuilder<object, object> StoreList<TGraph, TDoc>(
        this ObjectGraphType root, string name, Func<IQueryable<TDoc>, IResolveFieldContext<object?>, IQueryable<TDoc>> query)
        where TGraph : IGraphType where TDoc : class, IDocument =>
        root.StoreList<object?, TGraph, TDoc>(name, query)!;

    public static FieldBuilder<object, object> StoreItem<TGraph, TDoc>(
        this ObjectGraphType root, string name, Func<IQueryable<TDoc>, IResolveFieldContext<object?>, IQueryable<TDoc>?> query)
        where TGraph : IGraphType where TDoc : class, IDocument =>
        root.StoreItem<object?, TGraph, TDoc>(name, query)!;

    private static IQueryable<TDoc> Documents<TDoc>(IResolveFieldContext context) where TDoc : class, IDocument =>
        context.RequestServices!.GetRequiredService<IDocumentStore>().Collection<TDoc>().Query();
}
