using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Limits;
using ElectionGraph.Domain;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace ElectionGraph.Api.Schema;

/// <summary>A single document read from the store: a feature gives the query that finds it.</summary>
public static class StoreFields
{
    public static FieldBuilder<object, object> StoreItem<TGraph, TDoc>(
        this ObjectGraphType root, string name, Func<IQueryable<TDoc>, IResolveFieldContext<object?>, IQueryable<TDoc>> query)
        where TGraph : IGraphType where TDoc : class, IDocument =>
        root.Field<TGraph>(name)
            .Costs(FieldCost.Lookup)
            .ResolveAsync(async context => await Storage.QueryExecution.FirstOrDefaultAsync(query(context.Documents<TDoc>(), context), context.CancellationToken))!;
}
