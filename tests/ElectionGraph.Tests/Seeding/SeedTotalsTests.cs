using ElectionGraph.Domain;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage.Seeding;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Seeding;

/// <summary>
/// The seeded seat rows, summed per party, against the officially reported national totals the seed
/// carries (from national.csv). Every English and NI council's seat rows are complete (NOTES.md §2), so
/// the sums are totals; where they differ, the difference is a source disagreement the notes document.
/// </summary>
public class SeedTotalsTests
{
    private static readonly Dictionary<(Nation, string), int> DocumentedDifferences = new()
    {
        // NOTES.md §2/§8: per-council figures give Con 3,565 (BBC 3,564) and LD 1,355 (BBC 1,351; LEAP 1,357).
        [(Nation.England, "CON")] = 1,
        [(Nation.England, "LD")] = 4,
        // NOTES.md §8: independents, residents and others sum to 1,182 against the blog tally's 1,179.
        [(Nation.England, "IND+RA+OTH")] = 3,
        // NI_NOTES.md: the council rows carry the Cross-Community Labour Alternative's seat as OTH.
        [(Nation.NorthernIreland, "CCLA")] = -1,
    };

    [Fact]
    public void Seat_rows_sum_to_the_reported_national_totals_wherever_the_council_data_is_complete()
    {
        var seed = SeedReader.Read(Repo.Seed);
        var rollup = seed.Parties.ToDictionary(p => p.Id, p => p.RollupCode);
        var reported = seed.Elections.Single().ReportedTotals.Where(t => t.SeatsWon is not null).ToList();
        Assert.All(seed.CouncilResults, r => Assert.True(r.SeatsComplete, r.Council.Name));

        var compared = reported.Select(total =>
        {
            var seats = seed.CouncilResults
                .Where(r => r.Council.Nation == total.Nation && r.SeatsComplete)
                .SelectMany(r => r.Seats)
                .Where(s => total.PartyCodes.Contains(total.PartyCodes.Count > 1 ? rollup[s.PartyCode] : s.PartyCode))
                .Sum(s => s.Won);
            var label = string.Join('+', total.PartyCodes);
            return (total.Nation, label, Difference: seats - total.SeatsWon!.Value);
        }).ToList();

        Assert.Equal(18, compared.Count);
        Assert.All(compared, c => Assert.True(
            c.Difference == DocumentedDifferences.GetValueOrDefault((c.Nation, c.label)),
            $"{c.Nation} {c.label}: seat rows differ from the reported total by {c.Difference}"));
    }
}
