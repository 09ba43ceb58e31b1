using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Sorting;
using ElectionGraph.Domain.Results;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Results;

/// <summary>The result fields of the query root, and the store queries behind them.</summary>
public static class ResultQueries
{
    public static IQueryable<CouncilResult> ForElection(IQueryable<CouncilResult> results, string electionId) =>
        results.Where(r => r.ElectionId == electionId);

    /// <summary>Every seat row of an election with its council, flattened inside the store.</summary>
    public static IQueryable<SeatChange> SeatChanges(IQueryable<CouncilResult> results, string electionId) =>
        ForElection(results, electionId).SelectMany(r => r.Seats, (r, s) => new SeatChange(
            r.Id + ":" + s.PartyCode, r.ElectionId, s.PartyCode, s.Won, s.Change, s.ChangeBasis, s.TotalAfter, r.Council, r.Control, r.UpdatedAt));

    public static void AddResultFields(this ObjectGraphType query)
    {
        query.Connection<CouncilResultGraphType, CouncilResult>("councilResults",
                context => ForElection(context.Documents<CouncilResult>(), context.GetArgument<string>("electionId")),
                SortKey.Asc<CouncilResult, string>(r => r.Council.Name))
            .Description("The council results of an election; by council name unless ordered.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId");

        query.Connection<SeatChangeGraphType, SeatChange>("seatChanges",
                context => SeatChanges(context.Documents<CouncilResult>(), context.GetArgument<string>("electionId")),
                SortKey.Asc<SeatChange, string>(c => c.Council.Name), SortKey.Asc<SeatChange, string>(c => c.PartyCode))
            .Description("Every seat row of an election with its council, e.g. Labour's biggest loss: " +
                         "seatChanges(electionId: \"local.2019-05-02\", where: { partyCode: { eq: \"LAB\" } }, order: [{ change: ASC }], first: 1).")
            .Argument<NonNullGraphType<IdGraphType>>("electionId");
    }
}
