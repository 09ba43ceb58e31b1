using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;
using ElectionGraph.Domain;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage.Seeding;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Examples;

/// <summary>
/// The partner examples in schema/examples run as published and answer what the seed says: every
/// expectation is computed from the seed documents, never copied from a response.
/// </summary>
public partial class ExampleTests(SeededApi seeded) : IClassFixture<SeededApi>
{
    private const string ElectionId = "local.2019-05-02";
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;
    private static readonly SeedData Seed = SeedReader.Read(Repo.Seed);
    private readonly ApiFactory _api = seeded.Api;

    /// <summary>The query examples; the subscriptions are <see cref="SubscriptionExampleTests"/>'.</summary>
    public static TheoryData<string> Files => new(PartnerExamples.Queries);

    /// <summary>Every example file and the check of its answer (page 1 of it, as the file runs).</summary>
    private Dictionary<string, Func<JsonElement, Task>> Expectations => new()
    {
        ["results-map.graphql"] = Sync(ResultsMap),
        ["seat-change-chart.graphql"] = Sync(SeatChangeChart),
        ["control-changes.graphql"] = Sync(ControlChanges),
        ["party-best-and-worst.graphql"] = Sync(PartyBestAndWorst),
        ["labour-biggest-loss.graphql"] = Sync(LabourBiggestLoss),
        ["mayoral-winners.graphql"] = Sync(MayoralWinners),
        ["mayoral-summary.graphql"] = Sync(MayoralSummary),
        ["mayoral-candidates-table.graphql"] = Sync(MayoralCandidatesTable),
        ["region-totals.graphql"] = Sync(RegionTotals),
        ["seats-by-region-and-party.graphql"] = Sync(SeatsByRegionAndParty),
        ["changed-hands-in-region.graphql"] = Sync(ChangedHandsInRegion),
        ["council-name-search.graphql"] = Sync(CouncilNameSearch),
        ["poll-for-changes.graphql"] = PollForChangesAsync,
        ["results-table-paged.graphql"] = ResultsTablePagedAsync,
        ["national-scoreboard.graphql"] = Sync(NationalScoreboard),
        ["lib-dem-south-west-gains.graphql"] = Sync(LibDemSouthWestGains),
        ["council-page.graphql"] = Sync(CouncilPage),
        ["green-councils.graphql"] = Sync(GreenCouncils),
        ["refetch-by-id.graphql"] = Sync(RefetchById),
        ["showcase-layout.graphql"] = Sync(ShowcaseLayout),
        ["showcase-results.graphql"] = ShowcaseResultsAsync,
        ["showcase-scoreboard.graphql"] = ShowcaseScoreboardAsync,
        ["showcase-mayors.graphql"] = Sync(ShowcaseMayors),
        ["closest-wards.graphql"] = Sync(ClosestWards),
        ["national-vote-share.graphql"] = Sync(NationalVoteShare),
        ["vote-share-by-region.graphql"] = Sync(VoteShareByRegion),
        ["clean-sweeps.graphql"] = Sync(CleanSweeps),
        ["green-wards-won.graphql"] = Sync(GreenWardsWon),
    };

    [Fact]
    public async Task Every_example_has_an_expectation_and_runs_without_errors()
    {
        var files = PartnerExamples.Queries;

        Assert.True(files.Count >= 15, $"schema/examples holds {files.Count} queries; partners were promised at least 15.");
        Assert.Empty(files.Except(Expectations.Keys));
        Assert.Empty(Expectations.Keys.Except(files));
        var failing = PartnerExamples.All.Select(file => (file, Text: Example(file)))
            .Where(example => !example.Text.StartsWith('#') || Regex.Matches(example.Text, @"^(query|subscription) \w+", RegexOptions.Multiline).Count != 1)
            .Select(example => $"{example.file}: not one named query or subscription under a # comment")
            .ToList();
        foreach (var file in files)
        {
            var text = Example(file);
            var response = await _api.PostAsync(new { query = text });
            if (response.TryGetProperty("errors", out var errors)) failing.Add($"{file}: {errors}");
        }

        Assert.Empty(failing);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task The_example_answers_what_the_seed_says(string file) =>
        await Expectations[file](await _api.QueryAsync(Example(file)));

    private static void ResultsMap(JsonElement data)
    {
        var results = data.GetProperty("councilResults");
        Assert.Equal(Results.Count(), Value<int>(results, "totalCount"));
        Assert.Equal(
            Results.Select(r => (r.Council.Code, r.Control.After, r.Control.Changed)).OrderBy(r => r.Code, Ordinal),
            Nodes(results).Select(n => (Value<string>(n, "council.code"), Value<string>(n, "control.after"), Value<bool?>(n, "control.changed")))
                .OrderBy(r => r.Item1, Ordinal));
        Assert.Equal(
            Seed.Parties.OrderBy(p => p.Id, Ordinal).Select(p => (p.Id, p.ShortName, p.Colour)),
            Nodes(data.GetProperty("parties")).Select(n => (Value<string>(n, "code"), Value<string>(n, "shortName"), Value<string?>(n, "colour"))));
    }

    private static void SeatChangeChart(JsonElement data)
    {
        var libDem = SeatChanges.Where(c => c.PartyCode == "LD").OrderBy(c => c.Council.Name, Ordinal).ThenBy(c => c.Id, Ordinal).ToList();
        var changes = data.GetProperty("seatChanges");

        Assert.Equal(libDem.Count, Value<int>(changes, "totalCount"));
        Assert.Equal(
            libDem.Select(c => (c.Council.Code, c.Won, c.Change, ConstantCase(c.ChangeBasis))),
            Nodes(changes).Select(n => (Value<string>(n, "council.code"), Value<int>(n, "won"), Value<int?>(n, "change"), Value<string?>(n, "changeBasis"))));
        Assert.All(Nodes(changes), n => Assert.Equal(Colour("LD"), Value<string?>(n, "party.colour")));
    }

    private static void ControlChanges(JsonElement data) =>
        Assert.Equal(
            Results.Where(r => r.Control.Changed == true)
                .GroupBy(r => (r.Control.Before, r.Control.After))
                .Select(g => (g.Key.Before, g.Key.After, g.Count(), Joined(g.OrderBy(r => r.Council.Name, Ordinal).Select(r => r.Council.Code))))
                .OrderByDescending(t => t.Item3).ThenBy(t => t.Before, Ordinal).ThenBy(t => t.After, Ordinal),
            data.GetProperty("controlTransitions").EnumerateArray().Select(t => (
                Value<string?>(t, "from"), Value<string>(t, "to"), Value<int>(t, "count"),
                Joined(t.GetProperty("councils").EnumerateArray().Select(c => Value<string>(c, "code"))))));

    private static void PartyBestAndWorst(JsonElement data)
    {
        var conservative = SeatChanges.Where(c => c.PartyCode == "CON").ToList();
        var best = conservative.OrderBy(c => c.Change is null).ThenByDescending(c => c.Change).ThenBy(c => c.Id, Ordinal).Take(5);
        var worst = conservative.OrderBy(c => c.Change is null).ThenBy(c => c.Change).ThenBy(c => c.Id, Ordinal).Take(5);

        Assert.Equal(best.Select(ChangeRow), Nodes(data.GetProperty("best")).Select(ChangeRow));
        Assert.Equal(worst.Select(ChangeRow), Nodes(data.GetProperty("worst")).Select(ChangeRow));
    }

    private static void LabourBiggestLoss(JsonElement data)
    {
        var labour = SeatChanges.Where(c => c.PartyCode == "LAB" && c.Change is not null).ToList();
        var biggestLoss = labour.Min(c => c.Change);
        var expected = labour.Where(c => c.Change == biggestLoss).MinBy(c => c.Id, Ordinal)!;

        var node = Assert.Single(Nodes(data.GetProperty("seatChanges")));
        Assert.Equal(
            (expected.Council.Code, expected.Council.Name, expected.Change, expected.Control.Before, expected.Control.After),
            (Value<string>(node, "council.code"), Value<string>(node, "council.name"), Value<int?>(node, "change"),
                Value<string?>(node, "control.before"), Value<string>(node, "control.after")));
    }

    private static void MayoralWinners(JsonElement data)
    {
        var mayoralties = Mayoralties.OrderBy(m => m.AreaName, Ordinal).ThenBy(m => m.Id, Ordinal).ToList();
        var nodes = Nodes(data.GetProperty("mayoralties")).ToList();

        Assert.Equal(
            from m in mayoralties
            let winner = m.Candidates.Single(c => c.Elected)
            select (m.AreaName, m.NewPost, m.PreviousPartyCode, winner.Name, winner.PartyCode, Colour(winner.PartyCode)),
            nodes.Select(n => (Value<string>(n, "areaName"), Value<bool>(n, "newPost"), Value<string?>(n, "previousPartyCode"),
                Value<string>(n, "winner.name"), Value<string>(n, "winner.partyCode"), Value<string?>(n, "winner.party.colour"))));
        Assert.Equal(
            mayoralties.SelectMany(m => m.Candidates, (m, c) => (m.AreaName, c.Name, c.PartyCode, c.FirstRound, c.SecondRound, c.Elected)),
            nodes.SelectMany(n => n.GetProperty("candidates").EnumerateArray(), (n, c) => (
                Value<string>(n, "areaName"), Value<string>(c, "name"), Value<string>(c, "partyCode"),
                Value<int?>(c, "firstRound"), Value<int?>(c, "secondRound"), Value<bool>(c, "elected"))));
    }

    private static void MayoralCandidatesTable(JsonElement data)
    {
        // By area, then most first preferences (unknown last), then the id ({mayoralty}:{name}).
        var candidates = Mayoralties.SelectMany(m => m.Candidates, (m, c) => (m.AreaName, Id: $"{m.Id}:{c.Name}", Candidate: c))
            .OrderBy(x => x.AreaName, Ordinal).ThenBy(x => x.Candidate.FirstRound is null).ThenByDescending(x => x.Candidate.FirstRound).ThenBy(x => x.Id, Ordinal)
            .ToList();
        var table = data.GetProperty("mayoralCandidates");

        Assert.Equal(candidates.Count, table.GetProperty("totalCount").GetInt32());
        Assert.Equal(
            candidates.Select(x => (x.AreaName, x.Candidate.Name, x.Candidate.PartyCode, Colour(x.Candidate.PartyCode), x.Candidate.FirstRound, x.Candidate.SecondRound, x.Candidate.Elected)),
            Nodes(table).Select(n => (Value<string>(n, "areaName"), Value<string>(n, "name"), Value<string>(n, "partyCode"), Value<string?>(n, "party.colour"),
                Value<int?>(n, "firstRound"), Value<int?>(n, "secondRound"), Value<bool>(n, "elected"))));
    }

    private static void MayoralSummary(JsonElement data)
    {
        var declared = (
            from m in Mayoralties
            let winner = m.Candidates.SingleOrDefault(c => c.Elected)?.PartyCode
            where winner is not null
            select (Winner: winner, Hold: m.PreviousPartyCode == winner, Gain: m.PreviousPartyCode is not null && m.PreviousPartyCode != winner, m.NewPost)
        ).ToList();
        var summary = data.GetProperty("mayoralSummary");

        Assert.Equal(
            (Mayoralties.Count(), declared.Count, declared.Count(m => m.Hold), declared.Count(m => m.Gain), declared.Count(m => m.NewPost)),
            (Value<int>(summary, "mayoralties"), Value<int>(summary, "declared"), Value<int>(summary, "holds"), Value<int>(summary, "gains"), Value<int>(summary, "newPosts")));
        Assert.Equal(
            declared.GroupBy(m => m.Winner)
                .Select(g => (g.Key, g.Count(), g.Count(m => m.Hold), g.Count(m => m.Gain), g.Count(m => m.NewPost)))
                .OrderByDescending(p => p.Item2).ThenBy(p => p.Key, Ordinal),
            summary.GetProperty("byParty").EnumerateArray().Select(p => (
                Value<string>(p, "partyCode"), Value<int>(p, "won"), Value<int>(p, "holds"), Value<int>(p, "gains"), Value<int>(p, "newPosts"))));
    }

    private static void RegionTotals(JsonElement data) =>
        Assert.Equal(
            PartyTotals(Results.Where(r => r.Council.Region == "North West")),
            data.GetProperty("partyTotals").EnumerateArray().Select(PartyTotal.From));

    private static void SeatsByRegionAndParty(JsonElement data) =>
        Assert.Equal(
            Results.SelectMany(r => r.Seats, (r, s) => (Result: r, Seat: s))
                .GroupBy(x => (x.Result.Council.Region, x.Seat.PartyCode))
                .Select(g => new SeatGroup(
                    g.Key.Region, g.Key.PartyCode, g.Sum(x => x.Seat.Won), g.Sum(x => x.Seat.Change ?? 0), g.Count(),
                    g.Count(x => x.Result.SeatsComplete), g.Count(x => x.Seat.Change is not null),
                    g.All(x => x.Result.SeatsComplete && x.Seat.Change is not null)))
                .OrderBy(g => g.Region, Ordinal).ThenByDescending(g => g.SeatsWon).ThenBy(g => g.PartyCode, Ordinal),
            data.GetProperty("seatSummary").EnumerateArray().Select(SeatGroup.From));

    private static void ChangedHandsInRegion(JsonElement data)
    {
        var changed = Results.Where(r => r.Council.Region == "South East" && r.Control.Changed == true)
            .OrderBy(r => r.Council.Name, Ordinal).ThenBy(r => r.Id, Ordinal).ToList();
        var results = data.GetProperty("councilResults");

        Assert.Equal(changed.Count, Value<int>(results, "totalCount"));
        Assert.Equal(
            changed.Select(r => (r.Council.Code, r.Control.Before, r.Control.After)),
            Nodes(results).Select(n => (Value<string>(n, "council.code"), Value<string?>(n, "control.before"), Value<string>(n, "control.after"))));
    }

    private static void CouncilNameSearch(JsonElement data)
    {
        var found = Seed.Councils.Where(c => c.Name.Contains("king", StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Name, Ordinal).ThenBy(c => c.Id, Ordinal).ToList();
        var councils = data.GetProperty("councils");

        Assert.Equal(found.Count, Value<int>(councils, "totalCount"));
        Assert.Equal(
            found.Select(c => (c.Id, c.Name, ConstantCase(c.Type), c.Region)),
            Nodes(councils).Select(n => (Value<string>(n, "code"), Value<string>(n, "name"), Value<string>(n, "type"), Value<string>(n, "region"))));
    }

    /// <summary>The first poll (since polling day) gets every result; polling from the latest updatedAt seen gets only what was stored then.</summary>
    private async Task PollForChangesAsync(JsonElement data)
    {
        var first = Nodes(data.GetProperty("councilResults")).ToList();
        Assert.Equal(
            Results.Select(r => (r.Id, r.Control.After)).OrderBy(r => r.Id, Ordinal),
            first.Select(n => (Value<string>(n, "id"), Value<string>(n, "control.after"))).OrderBy(r => r.Item1, Ordinal));

        await SinceTheLatestAsync(first, "id", latest => _api.QueryAsync(Example("poll-for-changes.graphql"), new { since = latest }));
    }

    /// <summary>Asked again from the latest updatedAt among the results seen, a list answers only the results stored then (by the field named).</summary>
    private static async Task SinceTheLatestAsync(List<JsonElement> seen, string key, Func<string, Task<JsonElement>> since)
    {
        var latest = seen.MaxBy(UpdatedAt);
        var again = await since(Value<string>(latest, "updatedAt"));

        Assert.Equal(
            seen.Where(n => UpdatedAt(n) == UpdatedAt(latest)).Select(n => Value<string>(n, key)).Order(Ordinal),
            Nodes(again.GetProperty("councilResults")).Select(n => Value<string>(n, key)).Order(Ordinal));
    }

    /// <summary>Following endCursor from page 1 to the last page lists every result once, in the example's order.</summary>
    private async Task ResultsTablePagedAsync(JsonElement data)
    {
        static (string, string?, string, int) Row(JsonElement n) =>
            (Value<string>(n, "council.code"), Value<string?>(n, "control.before"), Value<string>(n, "control.after"), Value<int>(n, "seatsUp"));

        var page = data.GetProperty("councilResults");
        var rows = Nodes(page).Select(Row).ToList();
        while (Value<bool>(page, "pageInfo.hasNextPage"))
        {
            var next = await _api.QueryAsync(Example("results-table-paged.graphql"), new { after = Value<string>(page, "pageInfo.endCursor") });
            page = next.GetProperty("councilResults");
            rows.AddRange(Nodes(page).Select(Row));
        }

        Assert.Equal(
            Results.OrderBy(r => r.Control.Before is null).ThenBy(r => r.Control.Before, Ordinal)
                .ThenByDescending(r => r.SeatsUp).ThenBy(r => r.Id, Ordinal)
                .Select(r => (r.Council.Code, r.Control.Before, r.Control.After, r.SeatsUp)),
            rows);
    }

    private static void NationalScoreboard(JsonElement data)
    {
        var election = Seed.Elections.Single(e => e.Id == ElectionId);
        var computed = data.GetProperty("partyTotals");
        var reported = data.GetProperty("election").GetProperty("reportedTotals");
        var projected = data.GetProperty("election").GetProperty("projectedShare");

        Assert.Equal(PartyTotals(Results.Where(r => r.Council.Nation == Nation.England)), computed.EnumerateArray().Select(PartyTotal.From));
        Assert.Equal(
            election.ReportedTotals.Select(t => (ConstantCase(t.Nation), string.Join('+', t.PartyCodes), t.SeatsWon, t.SeatsChange, t.CouncilsControlled, t.CouncilsChange)),
            reported.EnumerateArray().Select(t => (
                Value<string>(t, "nation"), Value<string>(t, "partyCode"), Value<int?>(t, "seatsWon"), Value<int?>(t, "seatsChange"),
                Value<int?>(t, "councilsControlled"), Value<int?>(t, "councilsChange"))));
        Assert.Equal(
            election.ProjectedShare.Select(s => (s.PartyCode, s.Share, s.Change)),
            projected.EnumerateArray().Select(s => (Value<string>(s, "partyCode"), Value<decimal>(s, "share"), Value<decimal?>(s, "change"))));
    }

    private static void LibDemSouthWestGains(JsonElement data) =>
        Assert.Equal(
            SeatChanges.Where(c => c.PartyCode == "LD" && c.Council.Region == "South West" && c.Change >= 5)
                .OrderByDescending(c => c.Change).ThenBy(c => c.Id, Ordinal)
                .Select(c => (c.Council.Code, c.Won, c.Change, c.Control.Before, c.Control.After)),
            Nodes(data.GetProperty("seatChanges")).Select(n => (
                Value<string>(n, "council.code"), Value<int>(n, "won"), Value<int?>(n, "change"),
                Value<string?>(n, "control.before"), Value<string>(n, "control.after"))));

    private static void CouncilPage(JsonElement data)
    {
        var council = Seed.Councils.Single(c => c.Id == "E07000170");
        var result = Seed.CouncilResults.Single(r => r.Council.Code == council.Id);
        var node = data.GetProperty("council");
        var actual = Assert.Single(node.GetProperty("results").EnumerateArray());

        Assert.Equal(
            (council.Name, ConstantCase(council.Type), council.Region),
            (Value<string>(node, "name"), Value<string>(node, "type"), Value<string>(node, "region")));
        Assert.Equal(
            (result.ElectionId, result.SeatsUp, result.TotalSeats, result.Control.Before, result.Control.After, result.Control.Changed),
            (Value<string>(actual, "electionId"), Value<int>(actual, "seatsUp"), Value<int>(actual, "totalSeats"),
                Value<string?>(actual, "control.before"), Value<string>(actual, "control.after"), Value<bool?>(actual, "control.changed")));
        Assert.Equal(
            result.Seats.Select(s => (s.PartyCode, Colour(s.PartyCode), s.Won, s.Change, s.TotalAfter)),
            actual.GetProperty("seats").EnumerateArray().Select(s => (
                Value<string>(s, "partyCode"), Value<string?>(s, "party.colour"), Value<int>(s, "won"), Value<int?>(s, "change"), Value<int?>(s, "totalAfter"))));
    }

    private static void GreenCouncils(JsonElement data)
    {
        var green = Results.Where(r => r.Seats.Any(s => s.PartyCode == "GRN" && s.Won > 0))
            .OrderBy(r => r.Council.Name, Ordinal).ThenBy(r => r.Id, Ordinal).ToList();
        var results = data.GetProperty("councilResults");

        Assert.Equal(green.Count, Value<int>(results, "totalCount"));
        Assert.Equal(
            green.Select(r => (r.Council.Code, r.Seats.Single(s => s.PartyCode == "GRN").Won)),
            Nodes(results).Select(n => (
                Value<string>(n, "council.code"),
                Value<int>(n.GetProperty("seats").EnumerateArray().Single(s => Value<string>(s, "partyCode") == "GRN"), "won"))));
    }

    private static void ShowcaseLayout(JsonElement data)
    {
        Assert.Equal(
            Seed.Councils.OrderBy(c => c.Name, Ordinal).ThenBy(c => c.Id, Ordinal)
                .Select(c => (c.Id, c.Name, ConstantCase(c.Type), c.Region, c.Hex?.Layout, c.Hex?.Q, c.Hex?.R)),
            Nodes(data.GetProperty("councils")).Select(n => (
                Value<string>(n, "code"), Value<string>(n, "name"), Value<string>(n, "type"), Value<string>(n, "region"),
                Value<string?>(n, "hex.layout"), Value<int?>(n, "hex.q"), Value<int?>(n, "hex.r"))));
        Assert.Equal(
            Seed.Parties.OrderBy(p => p.Id, Ordinal).Select(p => (p.Id, p.Name, p.ShortName, p.Colour)),
            Nodes(data.GetProperty("parties")).Select(n => (Value<string>(n, "code"), Value<string>(n, "name"), Value<string>(n, "shortName"), Value<string?>(n, "colour"))));
    }

    /// <summary>Every result of the whole election, then of one region's slice; from the latest updatedAt seen, only what was stored then.</summary>
    private async Task ShowcaseResultsAsync(JsonElement data)
    {
        static (string, string?, string, int, int) Row(JsonElement n) => (
            Value<string>(n, "council.code"), Value<string?>(n, "control.before"), Value<string>(n, "control.after"), Value<int>(n, "seatsUp"), Value<int>(n, "totalSeats"));
        static IEnumerable<(string, string?, string, int, int)> Expected(IEnumerable<CouncilResult> slice) =>
            slice.Select(r => (r.Council.Code, r.Control.Before, r.Control.After, r.SeatsUp, r.TotalSeats)).OrderBy(r => r.Code, Ordinal);

        var all = Nodes(data.GetProperty("councilResults")).ToList();
        Assert.False(Value<bool>(data.GetProperty("councilResults"), "pageInfo.hasNextPage"));
        Assert.Equal(Expected(Results), all.Select(Row).OrderBy(r => r.Item1, Ordinal));

        var region = await _api.QueryAsync(Example("showcase-results.graphql"), new { where = new { council = new { region = new { eq = "North West" } } } });
        Assert.Equal(Expected(Results.Where(r => r.Council.Region == "North West")), Nodes(region.GetProperty("councilResults")).Select(Row).OrderBy(r => r.Item1, Ordinal));

        await SinceTheLatestAsync(all, "council.code", latest => _api.QueryAsync(Example("showcase-results.graphql"), new { updatedSince = latest }));
    }

    /// <summary>The totals of the whole election beside the reported ones, then of one council type's slice.</summary>
    private async Task ShowcaseScoreboardAsync(JsonElement data)
    {
        static ScoreboardRow Row(JsonElement t) => new(
            Value<string>(t, "partyCode"), Value<int>(t, "seatsWon"), Value<int>(t, "seatsChange"), Value<int>(t, "councilsControlled"),
            Value<int>(t, "councilsGained"), Value<int>(t, "councilsLost"), Value<int>(t, "coverage.councils"), Value<int>(t, "coverage.seatsComplete"),
            Value<int>(t, "coverage.changeReported"), Value<bool>(t, "coverage.complete"));
        static IEnumerable<ScoreboardRow> Expected(IEnumerable<CouncilResult> slice) => PartyTotals(slice).Select(t => new ScoreboardRow(
            t.PartyCode, t.SeatsWon, t.SeatsChange, t.CouncilsControlled, t.CouncilsGained, t.CouncilsLost, t.Councils, t.SeatsComplete, t.ChangeReported, t.Complete));

        Assert.Equal(Expected(Results), data.GetProperty("partyTotals").EnumerateArray().Select(Row));
        Assert.Equal(
            Seed.Elections.Single(e => e.Id == ElectionId).ReportedTotals.Select(t => (ConstantCase(t.Nation), string.Join('+', t.PartyCodes), t.SeatsWon, t.CouncilsControlled)),
            data.GetProperty("election").GetProperty("reportedTotals").EnumerateArray().Select(t => (
                Value<string>(t, "nation"), Value<string>(t, "partyCode"), Value<int?>(t, "seatsWon"), Value<int?>(t, "councilsControlled"))));

        var districts = await _api.QueryAsync(Example("showcase-scoreboard.graphql"), new { where = new { council = new { type = new { eq = "DISTRICT" } } } });
        Assert.Equal(Expected(Results.Where(r => r.Council.Type == CouncilType.District)), districts.GetProperty("partyTotals").EnumerateArray().Select(Row));
    }

    private static void ShowcaseMayors(JsonElement data) =>
        Assert.Equal(
            Mayoralties.OrderBy(m => m.AreaName, Ordinal).ThenBy(m => m.Id, Ordinal)
                .Select(m => (m.Id, m.AreaName, m.PreviousPartyCode, m.Winner?.Name, m.Winner?.PartyCode, m.Candidates.Count)),
            Nodes(data.GetProperty("mayoralties")).Select(n => (
                Value<string>(n, "id"), Value<string>(n, "areaName"), Value<string?>(n, "previousPartyCode"),
                Value<string?>(n, "winner.name"), Value<string?>(n, "winner.partyCode"), n.GetProperty("candidates").GetArrayLength())));

    private sealed record ScoreboardRow(
        string PartyCode, int SeatsWon, int SeatsChange, int CouncilsControlled, int CouncilsGained, int CouncilsLost,
        int Councils, int SeatsComplete, int ChangeReported, bool Complete);

    // The seed, as the examples see it.

    private static IEnumerable<CouncilResult> Results => Seed.CouncilResults.Where(r => r.ElectionId == ElectionId);

    private static IEnumerable<Mayoralty> Mayoralties => Seed.Mayoralties.Where(m => m.ElectionId == ElectionId);

    /// <summary>Every seat row with its council, as seatChanges lists them; the id ({result id}:{party code}) breaks ties in every order.</summary>
    private static IEnumerable<SeatChange> SeatChanges =>
        Results.SelectMany(r => r.Seats, (r, s) => new SeatChange(
            $"{r.Id}:{s.PartyCode}", r.ElectionId, s.PartyCode, s.Won, s.Change, s.ChangeBasis, s.TotalAfter, r.Council, r.Control, r.UpdatedAt));

    private static string? Colour(string partyCode) => Seed.Parties.Single(p => p.Id == partyCode).Colour;

    /// <summary>partyTotals over a slice: every party with a seat row or a council held before or after, most seats first.</summary>
    private static IEnumerable<PartyTotal> PartyTotals(IEnumerable<CouncilResult> slice)
    {
        var results = slice.ToList();
        var parties = results
            .SelectMany(r => r.Seats.Select(s => s.PartyCode).Append(r.Control.After).Append(r.Control.Before))
            .OfType<string>().Where(p => p != Control.NoOverallControl).Distinct();
        return parties
            .Select(party =>
            {
                var rows = results.SelectMany(r => r.Seats.Where(s => s.PartyCode == party), (r, s) => (Result: r, Seat: s)).ToList();
                var gained = results.Count(r => r.Control.After == party && r.Control.Before is not null && r.Control.Before != party);
                var lost = results.Count(r => r.Control.Before == party && r.Control.After != party);
                return new PartyTotal(
                    party, rows.Sum(x => x.Seat.Won), rows.Sum(x => x.Seat.Change ?? 0),
                    results.Count(r => r.Control.After == party), gained, lost, gained - lost,
                    rows.Count, rows.Count(x => x.Result.SeatsComplete), rows.Count(x => x.Seat.Change is not null),
                    rows.All(x => x.Result.SeatsComplete && x.Seat.Change is not null));
            })
            .OrderByDescending(t => t.SeatsWon).ThenBy(t => t.PartyCode, Ordinal);
    }

    private sealed record PartyTotal(
        string PartyCode, int SeatsWon, int SeatsChange, int CouncilsControlled, int CouncilsGained, int CouncilsLost, int CouncilsChange,
        int Councils, int SeatsComplete, int ChangeReported, bool Complete)
    {
        public static PartyTotal From(JsonElement t) => new(
            Value<string>(t, "partyCode"), Value<int>(t, "seatsWon"), Value<int>(t, "seatsChange"),
            Value<int>(t, "councilsControlled"), Value<int>(t, "councilsGained"), Value<int>(t, "councilsLost"), Value<int>(t, "councilsChange"),
            Value<int>(t, "coverage.councils"), Value<int>(t, "coverage.seatsComplete"), Value<int>(t, "coverage.changeReported"), Value<bool>(t, "coverage.complete"));
    }

    private sealed record SeatGroup(
        string Region, string PartyCode, int SeatsWon, int SeatsChange, int Councils, int SeatsComplete, int ChangeReported, bool Complete)
    {
        public static SeatGroup From(JsonElement g) => new(
            Value<string>(g, "region"), Value<string>(g, "partyCode"), Value<int>(g, "seatsWon"), Value<int>(g, "seatsChange"), Value<int>(g, "councils"),
            Value<int>(g, "coverage.seatsComplete"), Value<int>(g, "coverage.changeReported"), Value<bool>(g, "coverage.complete"));
    }

    // The examples and their answers.

    private static string Example(string file) => PartnerExamples.Text(file);

    private static Func<JsonElement, Task> Sync(Action<JsonElement> check) => data =>
    {
        check(data);
        return Task.CompletedTask;
    };

    /// <summary>Each object by its id (what README says the ids are), described from the seed; the unknown council is null.</summary>
    private static void RefetchById(JsonElement data)
    {
        var result = Results.Single(r => r.Id == $"{ElectionId}:E07000170");
        var council = Seed.Councils.Single(c => c.Id == "E07000170");
        var party = Seed.Parties.Single(p => p.Id == "LD");
        var mayoralty = Mayoralties.Single(m => m.Id == "mayor.bedford.2019-05-02");
        var election = Seed.Elections.Single(e => e.Id == ElectionId);
        Assert.Equal(
            [
                ("CouncilResult", result.Id, $"{result.Council.Name}: {result.Control.Before} to {result.Control.After}"),
                ("Council", "council:E07000170", $"{council.Id} {council.Name}"),
                ("Party", "party:LD", $"{party.Id} {party.ShortName}"),
                ("Mayoralty", mayoralty.Id, $"{mayoralty.AreaName}: {mayoralty.Winner!.Name} ({mayoralty.Winner.PartyCode})"),
                ("Election", election.Id, $"{election.Name} on {election.Date:yyyy-MM-dd}"),
                (null, null, null),
            ],
            data.GetProperty("nodes").EnumerateArray().Select(n => n.ValueKind == JsonValueKind.Null
                ? ((string?)null, (string?)null, (string?)null)
                : (Value<string>(n, "__typename"), Value<string>(n, "id"), Value<string>(n, "__typename") switch
                {
                    "CouncilResult" => $"{Value<string>(n, "council.name")}: {Value<string?>(n, "control.before")} to {Value<string>(n, "control.after")}",
                    "Council" => $"{Value<string>(n, "code")} {Value<string>(n, "name")}",
                    "Party" => $"{Value<string>(n, "code")} {Value<string>(n, "shortName")}",
                    "Mayoralty" => $"{Value<string>(n, "areaName")}: {Value<string>(n, "winner.name")} ({Value<string>(n, "winner.partyCode")})",
                    _ => $"{Value<string>(n, "name")} on {Value<string>(n, "date")}",
                })));
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement connection) => connection.GetProperty("nodes").EnumerateArray();

    /// <summary>The value at a dotted path (<c>council.code</c>) of an answer.</summary>
    private static T Value<T>(JsonElement node, string path) =>
        path.Split('.').Aggregate(node, (element, name) => element.GetProperty(name)).Deserialize<T>()!;

    private static DateTimeOffset UpdatedAt(JsonElement node) => Value<DateTimeOffset>(node, "updatedAt");

    private static (string, int, int?) ChangeRow(SeatChange change) => (change.Council.Code, change.Won, change.Change);

    private static (string, int, int?) ChangeRow(JsonElement node) => (Value<string>(node, "council.code"), Value<int>(node, "won"), Value<int?>(node, "change"));

    private static string Joined(IEnumerable<string> codes) => string.Join(" ", codes);

    /// <summary>An enum value as GraphQL names it: PreviousElection → PREVIOUS_ELECTION.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    private static string? ConstantCase(Enum? value) =>
        value is null ? null : Regex.Replace(value.ToString(), "(?<=[a-z])(?=[A-Z])", "_").ToUpperInvariant();
}
