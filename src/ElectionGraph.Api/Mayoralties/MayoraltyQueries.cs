using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Mayoralties;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Mayoralties;

/// <summary>The mayoral fields of the query root, and the store queries behind them.</summary>
public static class MayoraltyQueries
{
    public static IQueryable<Mayoralty> ForElection(IQueryable<Mayoralty> mayoralties, string electionId) =>
        mayoralties.Where(m => m.ElectionId == electionId).OrderBy(m => m.AreaName).ThenBy(m => m.Id);

    public static void AddMayoraltyFields(this ObjectGraphType query) =>
        query.StoreList<MayoraltyGraphType, Mayoralty>("mayoralties", (mayoralties, context) => ForElection(mayoralties, context.GetArgument<string>("electionId")))
            .Description("Every mayoral election of an election day, by area.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId");
}
