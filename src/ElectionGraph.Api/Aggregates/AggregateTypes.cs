using ElectionGraph.Domain.Results;

namespace ElectionGraph.Api.Aggregates;

/// <summary>
/// The councils behind an aggregate figure, so a partial sum is never mistaken for a total. Per party, the
/// councils where the party has a seat row; otherwise the councils in the group.
/// </summary>
public sealed record Coverage(int Councils, int SeatsComplete, int ChangeReported);

public sealed record PartyTotal(
    string PartyCode, int SeatsWon, int SeatsChange, int CouncilsControlled, int CouncilsGained, int CouncilsLost, Coverage Coverage)
{
    public int CouncilsChange => CouncilsGained - CouncilsLost;
}

public sealed record ControlTransition(string? From, string To, int Count, IReadOnlyList<CouncilSummary> Councils, Coverage Coverage);

public sealed record SeatGroup(SeatGroupKey Key, int SeatsWon, int SeatsChange, int Councils, Coverage Coverage);

public sealed record MayoralSummary(int Mayoralties, int Declared, int Holds, int Gains, int NewPosts, IReadOnlyList<MayoralPartyRow> ByParty);
