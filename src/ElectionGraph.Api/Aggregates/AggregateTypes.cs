using ElectionGraph.Domain.Results;

namespace ElectionGraph.Api.Aggregates;

/// <summary>
/// The councils behind an aggregate figure, so a partial sum is never mistaken for a total. Per party, the
/// councils where the party has a seat row; otherwise the councils in the group.
/// </summary>
public sealed record Coverage(int Councils, int SeatsComplete, int ChangeReported);

/// <param name="SeatsCounting">Seats won in the declared wards of councils whose result is not declared yet.</param>
public sealed record PartyTotal(
    string PartyCode, int SeatsWon, int SeatsCounting, int SeatsChange, int CouncilsControlled, int CouncilsGained, int CouncilsLost, Coverage Coverage)
{
    public int CouncilsChange => CouncilsGained - CouncilsLost;
}

public sealed record ControlTransition(string? From, string To, int Count, IReadOnlyList<CouncilSummary> Councils, Coverage Coverage);

public sealed record SeatGroup(SeatGroupKey Key, int SeatsWon, int SeatsChange, int Councils, Coverage Coverage);

public sealed record MayoralSummary(int Mayoralties, int Declared, int Holds, int Gains, int NewPosts, IReadOnlyList<MayoralPartyRow> ByParty);

/// <param name="Share">Of all votes cast in the group's contested ballots; null when not grouped by party.</param>
public sealed record VoteTotal(VoteGroupKey Key, int Votes, decimal? Share, int Candidates, int SeatsWon, int SeatsWonUnopposed, VoteCoverage Coverage);

/// <summary>The ballots of a vote total's group (the group without its party), so a share is read with what it is of.</summary>
public sealed record VoteCoverage(int Ballots, int Contested, int Uncontested, int UncontestedSeats, int Awaiting, int Votes);
