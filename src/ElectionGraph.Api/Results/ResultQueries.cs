using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Results;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Results;

/// <summary>The result fields of the query root, and the store queries behind them.</summary>
public static class ResultQueries
{
    public static IQueryable<CouncilResult> ForElection(IQueryable<CouncilResult> results, string electionId) =>
        results.Where(r => r.ElectionId == electionId).OrderBy(r => r.Council.Name).ThenBy(r => r.Id);

    public static IQueryable<CouncilResult> ForCouncil(IQueryable<CouncilResult> results, string councilCode) =>
        results.Where(r => r.Council.Code == councilCode).OrderByDescending(r => r.ElectionId);

    public static void AddResultFields(this ObjectGraphType query) =>
        query.StoreList<CouncilResultGraphType, CouncilResult>("councilResults", (results, context) => ForElection(results, context.GetArgument<string>("electionId")))
            .Description("Every council result of an election, by council name.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId");
}
