using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Sorting;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Elections;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Elections;

/// <summary>The election fields of the query root, and the store queries behind them.</summary>
public static class ElectionQueries
{
    public static IQueryable<Election> ById(IQueryable<Election> elections, string id) => elections.WithId(id);

    public static void AddElectionFields(this ObjectGraphType query)
    {
        query.Connection<ElectionGraphType, Election>("elections", context => context.Documents<Election>(), SortKey.Desc<Election, DateOnly>(e => e.Date))
            .Description("Elections; latest first unless ordered.");
        query.StoreItem<ElectionGraphType, Election>("election", (elections, context) => ById(elections, context.GetArgument<string>("id")))
            .Argument<NonNullGraphType<IdGraphType>>("id");
    }
}
