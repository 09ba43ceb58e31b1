namespace ElectionGraph.Domain.Results;

/// <summary>A party's seats summed over a set of results, with how much of the set the sums cover.</summary>
/// <param name="Change">Sum of the reported changes; councils without one add nothing.</param>
/// <param name="CouncilsWithChange">Councils in the set where this party's change is reported.</param>
public sealed record PartySeatTotal(string PartyCode, int Won, int Change, int Councils, int CouncilsWithChange)
{
    /// <summary>Net change totals per party over the given results.</summary>
    public static IReadOnlyList<PartySeatTotal> Of(IEnumerable<CouncilResult> results) =>
        results
            .SelectMany(r => r.Seats)
            .GroupBy(s => s.PartyCode)
            .Select(g => new PartySeatTotal(
                g.Key,
                g.Sum(s => s.Won),
                g.Sum(s => s.Change ?? 0),
                g.Count(),
                g.Count(s => s.Change is not null)))
            .OrderByDescending(t => t.Won)
            .ThenBy(t => t.PartyCode, StringComparer.Ordinal)
            .ToList();
}
