using ElectionGraph.Domain;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Seeding;

/// <summary>
/// The ward ballots (LEAP's candidate file) against the council seat rows (the compiled figures): elected candidates,
/// counted per council and party, are the seats won wherever the two sources agree. Where they do not, the council is
/// listed here with its reason (the wards README's table), and with exactly how the figures differ, so the list stays
/// true: any other council that differs fails, and so does a listed one that stops differing or differs otherwise.
/// </summary>
public class BallotConsistencyTests
{
    private const string DocumentedDisagreement = "sources disagree; the compilers' notes keep the seat rows' figure";
    private const string PostponedPoll = "a poll postponed from 2 May: LEAP includes it, the seat rows count the seats filled that day";
    private const string LabelGranularity = "LEAP labels a local group's winners Ind, and Ind maps to IND in every council";

    /// <summary>Council code -> why, and party -> (elected on the ballots, won in the seat rows).</summary>
    private static readonly Dictionary<string, (string Reason, Dictionary<string, (int Ballots, int Seats)> Parties)> Differences = new()
    {
        ["E06000022"] = ($"Bath and North East Somerset: {DocumentedDisagreement} (BBC) against LEAP and PA", new() { ["CON"] = (11, 9), ["LAB"] = (5, 7) }),
        ["E07000130"] = ($"Charnwood: {DocumentedDisagreement} (Fosse 107) against LEAP and Wikipedia", new() { ["CON"] = (37, 36), ["IND"] = (1, 2) }),
        ["E07000235"] = ($"Malvern Hills: {DocumentedDisagreement} (a Wikipedia mirror)", new() { ["CON"] = (13, 15), ["IND"] = (10, 8) }),
        ["E07000168"] = ($"Scarborough: {DocumentedDisagreement} (Wikipedia) against LEAP and the YEP round-up", new() { ["LAB"] = (13, 14), ["IND"] = (14, 13) }),
        ["E08000036"] = ($"Wakefield: {DocumentedDisagreement} (Wikipedia)", new() { ["LAB"] = (14, 13), ["CON"] = (4, 5) }),
        ["E07000172"] = ($"Broxtowe: {PostponedPoll} (Stapleford South East, 13 June, 2 LD)", new() { ["LD"] = (7, 5) }),
        ["E07000076"] = ($"Tendring: {PostponedPoll} (St Osyth, 23 May, 2 Ind)", new() { ["IND"] = (11, 9) }),
        ["E07000080"] = ($"Forest of Dean: {PostponedPoll} (Newent and Taynton, 20 June; the seat rows appear to count its two LD seats and leave out the Ind one)", new() { ["IND"] = (15, 14) }),
        ["E08000007"] = ($"Stockport: {LabelGranularity} (the Heald Green Ratepayers' winner)", new() { ["IND"] = (1, 0), ["HEALD_GREEN_RA"] = (0, 1) }),
        ["E07000045"] = ($"Teignbridge: {LabelGranularity} (the three Newton Says No winners)", new() { ["IND"] = (9, 6), ["NEWTON_SAYS_NO"] = (0, 3) }),
    };

    [Fact]
    public void Elected_candidates_per_council_and_party_are_the_seats_won_except_where_the_sources_are_known_to_differ()
    {
        var seed = Seed.Documents;
        var elected = seed.Ballots
            .SelectMany(b => b.Candidates.Where(c => c.Elected).Select(c => (Council: b.Council.Code, c.PartyCode)))
            .CountBy(e => e)
            .ToDictionary(e => e.Key, e => e.Value);

        var found = seed.CouncilResults.Where(r => r.Council.Nation == Nation.England)
            .Select(result =>
            {
                var won = result.Seats.ToDictionary(s => s.PartyCode, s => s.Won);
                var parties = won.Keys.Concat(elected.Keys.Where(k => k.Council == result.Council.Code).Select(k => k.PartyCode)).Distinct();
                return (result.Council, Differing: parties
                    .Select(party => (Party: party, Ballots: elected.GetValueOrDefault((result.Council.Code, party)), Seats: won.GetValueOrDefault(party)))
                    .Where(d => d.Ballots != d.Seats)
                    .ToDictionary(d => d.Party, d => (d.Ballots, d.Seats)));
            })
            .Where(c => c.Differing.Count > 0)
            .ToDictionary(c => c.Council.Code);

        Assert.All(found.Values, c => Assert.True(Differences.ContainsKey(c.Council.Code),
            $"{c.Council.Name} ({c.Council.Code}): ballots and seat rows differ ({Describe(c.Differing)}) and no reason is listed"));
        Assert.All(Differences, listed =>
        {
            var differing = found.TryGetValue(listed.Key, out var council) ? Describe(council.Differing) : "no difference";
            Assert.True(differing == Describe(listed.Value.Parties), $"{listed.Value.Reason}: listed as {Describe(listed.Value.Parties)}, found {differing}");
        });
    }

    [Fact]
    public void Ballots_fill_each_council_s_seats_up_except_the_postponed_polls_LEAP_includes()
    {
        var seed = Seed.Documents;
        var filled = seed.Ballots.GroupBy(b => b.Council.Code).ToDictionary(g => g.Key, g => g.Sum(b => b.SeatsContested));

        var differing = seed.CouncilResults
            .Where(r => filled.GetValueOrDefault(r.Council.Code) != r.SeatsUp && r.Council.Nation == Nation.England)
            .ToDictionary(r => r.Council.Name, r => (filled.GetValueOrDefault(r.Council.Code), r.SeatsUp));

        Assert.Equal(new Dictionary<string, (int, int)> { ["Broxtowe"] = (44, 42), ["Forest of Dean"] = (38, 37), ["Tendring"] = (48, 46) }, differing);
    }

    [Fact]
    public void Every_English_council_and_no_Northern_Irish_one_has_ballots()
    {
        var seed = Seed.Documents;
        var councils = seed.Ballots.Select(b => b.Council.Code).ToHashSet();

        Assert.Equal(seed.CouncilResults.Where(r => r.Council.Nation == Nation.England).Select(r => r.Council.Code).ToHashSet(), councils);
        Assert.Equal(248, councils.Count);
        Assert.DoesNotContain(seed.Ballots, b => b.Council.Nation == Nation.NorthernIreland);
        Assert.All(seed.Ballots, b => Assert.Equal(Seed.Election, b.ElectionId));
        // The wards README counts 5,275 wards and 119 uncontested: its five "Elected Mayor" rows and a by-election
        // elsewhere (Thursby, Cumbria) are not contests of these councils.
        Assert.Equal(5270, seed.Ballots.Count);
        Assert.Equal(118, seed.Ballots.Count(b => b.Uncontested));
    }

    private static string Describe(IReadOnlyDictionary<string, (int Ballots, int Seats)> parties) =>
        string.Join(", ", parties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value.Ballots} on the ballots vs {p.Value.Seats} won"));
}
