using System.Text.Json;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Aggregates;

/// <summary>The aggregation resolvers on the embedded store, against sums computed from the seed.</summary>
public class AggregateTests(SeededApi seeded) : IClassFixture<SeededApi>
{
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;
    private static IReadOnlyList<CouncilResult> Results => Seed.Documents.CouncilResults;

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString()!;
    private static int Number(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    [Fact]
    public async Task Party_totals_agree_with_the_seed_for_every_party()
    {
        var totals = (await seeded.Api.QueryAsync("""
            { partyTotals(electionId: "local.2019-05-02") {
                partyCode seatsWon seatsChange councilsControlled councilsGained councilsLost councilsChange
                coverage { councils seatsComplete changeReported } } }
            """)).GetProperty("partyTotals").EnumerateArray().ToDictionary(t => Text(t, "partyCode"));

        var parties = Results.SelectMany(r => r.Seats.Select(s => s.PartyCode)).Union(Results.Select(r => r.Control.After)).Where(p => p != "NOC").ToList();
        Assert.Equal(parties.Order(Ordinal), totals.Keys.Order(Ordinal));
        foreach (var party in parties)
        {
            var rows = Results.SelectMany(r => r.Seats.Where(s => s.PartyCode == party).Select(s => (Result: r, Seat: s))).ToList();
            var changed = Results.Where(r => r.Control.Changed == true).ToList();
            var total = totals[party];
            Assert.Equal(
                (rows.Sum(x => x.Seat.Won), rows.Sum(x => x.Seat.Change ?? 0), Results.Count(r => r.Control.After == party),
                 changed.Count(r => r.Control.After == party), changed.Count(r => r.Control.Before == party)),
                (Number(total, "seatsWon"), Number(total, "seatsChange"), Number(total, "councilsControlled"),
                 Number(total, "councilsGained"), Number(total, "councilsLost")));
            Assert.Equal(Number(total, "councilsGained") - Number(total, "councilsLost"), Number(total, "councilsChange"));
            var coverage = total.GetProperty("coverage");
            Assert.Equal(
                (rows.Count, rows.Count(x => x.Result.SeatsComplete), rows.Count(x => x.Seat.Change is not null)),
                (Number(coverage, "councils"), Number(coverage, "seatsComplete"), Number(coverage, "changeReported")));
        }
    }

    [Fact]
    public async Task Party_totals_take_the_same_where_as_council_results()
    {
        var totals = (await seeded.Api.QueryAsync("""
            { partyTotals(electionId: "local.2019-05-02", where: { council: { region: { eq: "South West" } }, cycle: { eq: ALL_OUT } }) { partyCode seatsWon } }
            """)).GetProperty("partyTotals").EnumerateArray().Select(t => (Text(t, "partyCode"), Number(t, "seatsWon"))).ToList();

        var slice = Results.Where(r => r.Council.Region == "South West" && r.Cycle == Cycle.AllOut).ToList();
        var expected = slice.SelectMany(r => r.Seats).GroupBy(s => s.PartyCode)
            .Select(g => (g.Key, g.Sum(s => s.Won)))
            .Union(slice.Select(r => r.Control.After).Where(p => p != "NOC" && slice.All(r => r.Seats.All(s => s.PartyCode != p))).Select(p => (p, 0)))
            .OrderByDescending(t => t.Item2).ThenBy(t => t.Item1, Ordinal).ToList();
        Assert.Equal(expected, totals);
    }

    [Fact]
    public async Task Control_transitions_list_exactly_the_councils_whose_control_changed()
    {
        var transitions = (await seeded.Api.QueryAsync("""
            { controlTransitions(electionId: "local.2019-05-02") { from to count councils { code name } } }
            """)).GetProperty("controlTransitions").EnumerateArray().ToList();

        var changed = Results.Where(r => r.Control.Changed == true).ToList();
        Assert.Equal(
            changed.Select(r => r.Council.Code).Order(Ordinal),
            transitions.SelectMany(t => t.GetProperty("councils").EnumerateArray().Select(c => Text(c, "code"))).Order(Ordinal));
        foreach (var transition in transitions)
        {
            var group = changed.Where(r => r.Control.Before == Text(transition, "from") && r.Control.After == Text(transition, "to"))
                .OrderBy(r => r.Council.Name, Ordinal).Select(r => r.Council.Name).ToList();
            Assert.Equal(group.Count, Number(transition, "count"));
            Assert.Equal(group, transition.GetProperty("councils").EnumerateArray().Select(c => Text(c, "name")));
        }

        Assert.Equal(transitions.Select(t => Number(t, "count")).OrderDescending(), transitions.Select(t => Number(t, "count")));
    }

    [Fact]
    public async Task Control_transitions_can_include_holds_and_unknown_befores()
    {
        var transitions = (await seeded.Api.QueryAsync("""
            { controlTransitions(electionId: "local.2019-05-02", includeUnchanged: true) { from to count } }
            """)).GetProperty("controlTransitions").EnumerateArray().ToList();

        Assert.Equal(Results.Count, transitions.Sum(t => Number(t, "count")));
        Assert.Equal(
            Results.Count(r => r.Control.Before is null && r.Control.After == "NOC"),
            Number(transitions.Single(t => t.GetProperty("from").ValueKind == JsonValueKind.Null && Text(t, "to") == "NOC"), "count"));
    }

    [Fact]
    public async Task Seat_summary_groups_by_region_and_party()
    {
        var groups = (await seeded.Api.QueryAsync("""
            { seatSummary(electionId: "local.2019-05-02", groupBy: [REGION, PARTY]) {
                region partyCode councilType nation controlAfter seatsWon seatsChange councils coverage { councils seatsComplete changeReported } } }
            """)).GetProperty("seatSummary").EnumerateArray().ToList();

        var expected = Results.SelectMany(r => r.Seats.Select(s => (Result: r, Seat: s)))
            .GroupBy(x => (x.Result.Council.Region, x.Seat.PartyCode))
            .ToDictionary(g => g.Key, g => (g.Sum(x => x.Seat.Won), g.Sum(x => x.Seat.Change ?? 0), g.Count(), g.Count(x => x.Seat.Change is not null)));
        Assert.Equal(expected.Count, groups.Count);
        foreach (var group in groups)
        {
            var coverage = group.GetProperty("coverage");
            Assert.Equal(expected[(Text(group, "region"), Text(group, "partyCode"))],
                (Number(group, "seatsWon"), Number(group, "seatsChange"), Number(group, "councils"), Number(coverage, "changeReported")));
            Assert.Equal(JsonValueKind.Null, group.GetProperty("councilType").ValueKind);
            Assert.Equal(JsonValueKind.Null, group.GetProperty("controlAfter").ValueKind);
        }
    }

    [Fact]
    public async Task Seat_summary_without_party_counts_councils_and_sums_all_their_seats()
    {
        var data = await seeded.Api.QueryAsync("""
            {
              byKind: seatSummary(electionId: "local.2019-05-02", groupBy: [NATION, COUNCIL_TYPE, CONTROL_AFTER]) {
                nation councilType controlAfter seatsWon seatsChange councils coverage { seatsComplete changeReported complete } }
              all: seatSummary(electionId: "local.2019-05-02") { seatsWon councils coverage { councils seatsComplete } }
            }
            """);

        var expected = Results
            .GroupBy(r => (Nation: r.Council.Nation.ToString(), Type: r.Council.Type.ToString(), r.Control.After))
            .ToDictionary(g => g.Key, g => (g.Sum(r => r.Seats.Sum(s => s.Won)), g.Sum(r => r.Seats.Sum(s => s.Change ?? 0)), g.Count(), g.Count(r => r.ChangesComplete)));
        var groups = data.GetProperty("byKind").EnumerateArray().ToList();
        Assert.Equal(expected.Count, groups.Count);
        foreach (var group in groups)
        {
            var key = (Pascal(Text(group, "nation")), Pascal(Text(group, "councilType")), Text(group, "controlAfter"));
            Assert.Equal(expected[key], (Number(group, "seatsWon"), Number(group, "seatsChange"), Number(group, "councils"), Number(group.GetProperty("coverage"), "changeReported")));
        }

        var all = Assert.Single(data.GetProperty("all").EnumerateArray());
        Assert.Equal((Results.Sum(r => r.SeatsUp), Results.Count), (Number(all, "seatsWon"), Number(all, "councils")));
        Assert.Equal(Results.Count(r => r.SeatsComplete), Number(all.GetProperty("coverage"), "seatsComplete"));
    }

    [Fact]
    public async Task Mayoral_summary_counts_winners_holds_and_gains()
    {
        var summary = (await seeded.Api.QueryAsync("""
            { mayoralSummary(electionId: "local.2019-05-02") { mayoralties declared holds gains newPosts byParty { partyCode party { shortName } won holds gains newPosts } } }
            """)).GetProperty("mayoralSummary");

        var mayors = Seed.Documents.Mayoralties;
        bool Hold(Mayoralty m) => m.PreviousPartyCode == m.Winner!.PartyCode;
        bool Gain(Mayoralty m) => m.PreviousPartyCode is not null && !Hold(m);
        Assert.Equal(
            (mayors.Count, mayors.Count(m => m.Winner is not null), mayors.Count(Hold), mayors.Count(Gain), mayors.Count(m => m.NewPost)),
            (Number(summary, "mayoralties"), Number(summary, "declared"), Number(summary, "holds"), Number(summary, "gains"), Number(summary, "newPosts")));
        Assert.Equal(
            mayors.GroupBy(m => m.Winner!.PartyCode).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, Ordinal)
                .Select(g => (g.Key, g.Count(), g.Count(Hold), g.Count(Gain))),
            summary.GetProperty("byParty").EnumerateArray().Select(p => (Text(p, "partyCode"), Number(p, "won"), Number(p, "holds"), Number(p, "gains"))));
    }

    private static string Pascal(string constant) =>
        string.Concat(constant.Split('_').Select(w => w[0] + w[1..].ToLowerInvariant()));
}
