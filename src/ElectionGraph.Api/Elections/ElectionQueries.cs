using ElectionGraph.Domain.Elections;
using ElectionGraph.Api.Schema;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Elections;

/// <summary>The election fields of the query root, and the store queries behind them.</summary>
public static class ElectionQueries
{
    public static IQueryable<Election> All(IQueryable<Election> elections) =>
        elections.OrderByDescending(e => e.Date).ThenBy(e => e.Id);

    public static IQueryable<Election> ById(IQueryable<Election> elections, string id) => elections.Where(e => e.Id == id);

    public static void AddElectionFields(this ObjectGraphType query)
    {
        query.StoreList<ElectionGraphType, Election>("elections", (elections, _) => All(elections))
            .Description("Every election, latest first.");
        query.StoreItem<ElectionGraphType, Election>("election", (elections, context) => ById(elections, context.GetArgument<string>("id")))
            .Argument<NonNullGraphType<IdGraphType>>("id");
    }
}
