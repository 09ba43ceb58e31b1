using System.Linq.Expressions;
using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Sorting;
using ElectionGraph.Domain.Mayoralties;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Mayoralties;

/// <summary>The mayoral fields of the query root, and the store queries behind them.</summary>
public static class MayoraltyQueries
{
    // Lambdas made once: written inline, C# builds each again, looking its members up, on every request.
    private static readonly Expression<Func<Mayoralty, string>> ElectionIdOf = m => m.ElectionId;
    private static readonly Expression<Func<Mayoralty, IEnumerable<Candidate>>> CandidatesOf = m => m.Candidates;
    private static readonly Expression<Func<Mayoralty, Candidate, MayoralCandidate>> CandidateOf = (m, c) => new MayoralCandidate(
        m.Id + ":" + c.Name, m.ElectionId, m.Id, m.AreaName, c.Name, c.PartyCode, c.FirstRound, c.FirstRoundShare, c.SecondRound, c.Elected, m.UpdatedAt);

    public static IQueryable<Mayoralty> ForElection(IQueryable<Mayoralty> mayoralties, string electionId) =>
        mayoralties.Where(ElectionIdOf.Is(electionId));

    /// <summary>Every candidate of an election's mayoralties with their mayoralty, flattened inside the store.</summary>
    public static IQueryable<MayoralCandidate> Candidates(IQueryable<Mayoralty> mayoralties, string electionId) =>
        ForElection(mayoralties, electionId).SelectMany(CandidatesOf, CandidateOf);

    public static void AddMayoraltyFields(this ObjectGraphType query)
    {
        query.Connection<MayoraltyGraphType, Mayoralty>("mayoralties",
                context => ForElection(context.Documents<Mayoralty>(), context.GetArgument<string>("electionId")),
                SortKey.Asc<Mayoralty, string>(m => m.AreaName))
            .Description("The mayoral elections of an election; by area unless ordered.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId");

        query.Connection<MayoralCandidateGraphType, MayoralCandidate>("mayoralCandidates",
                context => Candidates(context.Documents<Mayoralty>(), context.GetArgument<string>("electionId")),
                SortKey.Asc<MayoralCandidate, string>(c => c.AreaName), SortKey.Desc<MayoralCandidate, int?>(c => c.FirstRound))
            .Description("Every candidate of an election's mayoralties; by area, then most first-preference votes, unless ordered.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId");
    }
}
