using System.Linq.Expressions;
using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Sorting;
using ElectionGraph.Domain.Results;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Results;

/// <summary>The result fields of the query root, and the store queries behind them.</summary>
public static class ResultQueries
{
    // Lambdas made once: written inline, C# builds each again, looking its members up, on every request.
    private static readonly Expression<Func<CouncilResult, string>> ElectionIdOf = r => r.ElectionId;
    private static readonly Expression<Func<CouncilResult, IEnumerable<SeatRow>>> SeatsOf = r => r.Seats;
    private static readonly Expression<Func<CouncilResult, SeatRow, SeatChange>> SeatChangeOf = (r, s) => new SeatChange(
        r.Id + ":" + s.PartyCode, r.ElectionId, s.PartyCode, s.Won, s.Change, s.ChangeBasis, s.TotalAfter, r.Council, r.Control, r.UpdatedAt);

    public static IQueryable<CouncilResult> ForElection(IQueryable<CouncilResult> results, string electionId) =>
        results.Where(ElectionIdOf.Is(electionId));

    /// <summary>Every seat row of an election with its council, flattened inside the store.</summary>
    public static IQueryable<SeatChange> SeatChanges(IQueryable<CouncilResult> results, string electionId) =>
        ForElection(results, electionId).SelectMany(SeatsOf, SeatChangeOf);

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
