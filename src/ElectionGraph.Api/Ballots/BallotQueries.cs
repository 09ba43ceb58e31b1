using System.Linq.Expressions;
using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Sorting;
using ElectionGraph.Domain.Ballots;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Ballots;

/// <summary>The ballot fields of the query root, and the store queries behind them.</summary>
public static class BallotQueries
{
    // Lambdas made once: written inline, C# builds each again, looking its members up, on every request.
    private static readonly Expression<Func<Ballot, string>> ElectionIdOf = b => b.ElectionId;
    private static readonly Expression<Func<Ballot, string>> CouncilCodeOf = b => b.Council.Code;
    private static readonly Expression<Func<Ballot, string>> WardNameOf = b => b.Ward.Name;
    private static readonly Expression<Func<Ballot, IEnumerable<BallotCandidate>>> CandidatesOf = b => b.Candidates;
    private static readonly Expression<Func<Ballot, BallotCandidate, Candidacy>> CandidacyOf = (b, c) => new Candidacy(
        b.Id + ":" + c.Name, b.ElectionId, b.Id, b.Council, b.Ward, b.SeatsContested, b.Uncontested,
        c.Name, c.PartyCode, c.Votes, c.Share, c.Elected, b.UpdatedAt);

    public static IQueryable<Ballot> ForElection(IQueryable<Ballot> ballots, string electionId) =>
        ballots.Where(ElectionIdOf.Is(electionId));

    /// <summary>An election's ballots in the councils not among <paramref name="declaredCouncils"/>: those still counting.</summary>
    public static IQueryable<Ballot> Counting(IQueryable<Ballot> ballots, string electionId, IReadOnlyCollection<string> declaredCouncils) =>
        ForElection(ballots, electionId).Where(CouncilCodeOf.IsIn(declaredCouncils, negated: true));

    /// <summary>The councils' ballots, every election's, in ward order.</summary>
    public static IQueryable<Ballot> ForCouncils(IQueryable<Ballot> ballots, IReadOnlyCollection<string> codes) =>
        ballots.Where(CouncilCodeOf.IsIn(codes)).OrderBy(WardNameOf);

    /// <summary>Every candidacy of an election's ballots with its ballot and council, flattened inside the store.</summary>
    public static IQueryable<Candidacy> Candidacies(IQueryable<Ballot> ballots, string electionId) =>
        ForElection(ballots, electionId).SelectMany(CandidatesOf, CandidacyOf);

    public static void AddBallotFields(this ObjectGraphType query)
    {
        query.Connection<BallotGraphType, Ballot>("ballots",
                context => ForElection(context.Documents<Ballot>(), context.GetArgument<string>("electionId")),
                SortKey.Asc<Ballot, string>(b => b.Council.Name), SortKey.Asc<Ballot, string>(b => b.Ward.Name))
            .Description("The ward contests of an election; by council and ward unless ordered. The closest contests (uncontested ballots, " +
                         "with no majority, sort last): ballots(electionId: \"local.2019-05-02\", order: [{ majority: ASC }], first: 10).")
            .Argument<NonNullGraphType<IdGraphType>>("electionId");

        query.Connection<CandidacyGraphType, Candidacy>("candidates",
                context => Candidacies(context.Documents<Ballot>(), context.GetArgument<string>("electionId")),
                SortKey.Asc<Candidacy, string>(c => c.Council.Name), SortKey.Asc<Candidacy, string>(c => c.Ward.Name), SortKey.Desc<Candidacy, int?>(c => c.Votes))
            .Description("Every candidacy of an election's ward contests, with its ballot and council; by council, ward and most votes unless ordered.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId");
    }
}
