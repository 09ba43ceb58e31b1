using System.Buffers.Binary;
using System.Text.Json;
using ElectionGraph.Domain.Results;
using ElectionGraph.Tests.Support;
using Xunit.Abstractions;

namespace ElectionGraph.Tests.Showcase;

/// <summary>
/// The partner showcase (/showcase/) in Debian's Chromium with every request off 127.0.0.1 blocked
/// (tests/interop/showcase.mjs): the hex map in each council's colour of control, the scoreboard as the API computes
/// it, a region chosen in the filter, the page's accessibility, and on polling day a declaration reaching the map and
/// the scoreboard live, and one missed while the socket was down caught up after it. Expected figures come from the
/// seed and from the API itself, never from the page's code.
/// </summary>
public class ShowcaseBrowserTests(ITestOutputHelper output)
{
    private const string Layout = "seed/geo/uk-local-authority-districts-2019.hexjson";

    /// <summary>Set to 1 to write the README's screenshot (docs/showcase.png) instead of a temporary file.</summary>
    private const string UpdateScreenshot = "ELECTIONGRAPH_UPDATE_SCREENSHOT";

    /// <summary>A result's sources as the page might meet them: two web addresses (one with brackets in it) among text, and addresses that must never become links.</summary>
    private const string Sources = "BBC https://www.bbc.co.uk/news/election/2019/england/results, javascript:alert(1); data:text/html,x (see http://example.org/wiki/A_(b)).";

    private static readonly string[] SourceLinks = ["https://www.bbc.co.uk/news/election/2019/england/results", "http://example.org/wiki/A_(b)"];

    private static List<CouncilResult> Results => Seed.Documents.CouncilResults.Where(r => r.ElectionId == Seed.Election).ToList();

    [SkippableFact]
    public async Task The_map_draws_each_council_in_its_colour_of_control_and_the_scoreboard_is_the_APIs_for_every_region_chosen()
    {
        Chromium.Required();
        using var live = new LiveApi();
        using var temp = new TempDirectory();
        // The region with the most councils for the filter, and its first council by code for the tooltip and the council's page.
        var region = Results.GroupBy(r => r.Council.Region).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var council = Results.Where(r => r.Council.Region == region).OrderBy(r => r.Council.Code, StringComparer.Ordinal).First();
        var screenshot = Environment.GetEnvironmentVariable(UpdateScreenshot) == "1" ? Repo.File("docs/showcase.png") : temp["showcase.png"];

        var page = JsonDocument.Parse(await Node.ScriptAsync("showcase.mjs", TimeSpan.FromMinutes(2),
            "snapshot", live.Endpoint.ToString(), region, council.Council.Code, Sources, screenshot)).RootElement;

        Assert.Empty(Strings(page.GetProperty("consoleErrors")));
        Assert.Empty(Strings(page.GetProperty("blocked")));
        var origin = live.Endpoint.GetLeftPart(UriPartial.Authority);
        var requests = Strings(page.GetProperty("requests"));
        Assert.All(requests, url => Assert.StartsWith($"{origin}/", url));
        // The documents are the partner examples the API serves, and the layout its copy of Open Innovations' map.
        string[] examples = ["showcase-layout", "showcase-results", "showcase-scoreboard", "showcase-mayors",
            "showcase-council-declared", "showcase-totals-changed", "showcase-mayor-declared", "council-page"];
        Assert.All(examples, example => Assert.Contains($"{origin}/showcase/queries/{example}.graphql", requests));
        Assert.Contains($"{origin}/showcase/geo/uk-local-authority-districts-2019.hexjson", requests);
        Assert.Contains(requests, url => url.StartsWith($"{origin}/graphql?query=", StringComparison.Ordinal));

        // The key names the page's own colours: no overall control, a party with no colour, no result; each distinct from the others and from every party's.
        var legend = Legend(page);
        var own = new[] { legend["NOC"], legend["fallback"], legend["none"] };
        Assert.Equal(3, own.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(Seed.Documents.Parties.Select(p => p.Colour).OfType<string>(), colour => own.Contains(colour, StringComparer.OrdinalIgnoreCase));
        foreach (var party in Results.Select(r => r.Control.After).Where(code => code != Control.NoOverallControl).Distinct())
        {
            var colour = Seed.Documents.Parties.Single(p => p.Id == party).Colour;
            if (colour is null) continue;
            Assert.True(legend.TryGetValue(party, out var keyed), $"The key has no entry for {party}, which controls councils.");
            Assert.Equal(colour, keyed, StringComparer.OrdinalIgnoreCase);
        }

        // Every district of the layout is drawn: the councils of 2019 in their colour of control, the rest in the no-result colour.
        var hexes = Hexes(page.GetProperty("hexes"));
        var districts = JsonDocument.Parse(File.ReadAllText(Repo.File(Layout))).RootElement.GetProperty("hexes").EnumerateObject().Select(h => h.Name).ToHashSet();
        Assert.Equal(districts.Order(StringComparer.Ordinal), hexes.Keys.Order(StringComparer.Ordinal));
        var results = Results.ToDictionary(r => r.Council.Code);
        foreach (var (code, (fill, control)) in hexes)
        {
            var (colour, after) = results.TryGetValue(code, out var result) ? (Colour(result, legend), result.Control.After) : (legend["none"], "");
            Assert.True(string.Equals(colour, fill, StringComparison.OrdinalIgnoreCase) && after == control, $"{code}: drawn {fill} ({control}), expected {colour} ({after})");
        }

        // The scoreboard, every party shown, is the API's partyTotals, with what each partial sum covers.
        await AssertScoreboard(live, page.GetProperty("scoreboard"), where: null);

        // A region chosen in the filter: its scoreboard, and only its councils coloured.
        var chosen = page.GetProperty("region");
        await AssertScoreboard(live, chosen.GetProperty("scoreboard"), new { council = new { region = new { eq = region } } });
        var coloured = Hexes(chosen.GetProperty("coloured"));
        Assert.Equal(Results.Where(r => r.Council.Region == region).Select(r => r.Council.Code).Order(StringComparer.Ordinal), coloured.Keys.Order(StringComparer.Ordinal));
        Assert.All(coloured, hex => Assert.Equal(Colour(results[hex.Key], legend), hex.Value.Fill, StringComparer.OrdinalIgnoreCase));

        // Hover and keyboard show the council in the tooltip; the map is one Tab stop, the arrow keys move between councils.
        var hover = page.GetProperty("hover").GetProperty("tooltip").GetString()!;
        Assert.StartsWith(council.Council.Name, hover);
        Assert.Contains($"{council.SeatsUp} of {council.TotalSeats} seats up", hover);
        var keyboard = page.GetProperty("keyboard");
        var (start, end) = (keyboard.GetProperty("start").GetString()!, keyboard.GetProperty("end").GetString()!);
        Assert.NotEqual(start, end);
        Assert.Contains(start, results.Keys);
        Assert.StartsWith(results[end].Council.Name, keyboard.GetProperty("tooltip").GetString());
        Assert.Equal(1, keyboard.GetProperty("tabStops").GetInt32());

        // Nothing scrolls sideways at 360 px; axe-core finds nothing serious or critical, here or on the council's page.
        var narrow = page.GetProperty("narrow");
        Assert.True(narrow.GetProperty("scrollWidth").GetInt32() <= narrow.GetProperty("clientWidth").GetInt32(), $"The page scrolls sideways at 360 px: {narrow}");
        Assert.True(page.GetProperty("axe").GetArrayLength() == 0, $"axe-core: {page.GetProperty("axe")}");

        // The council's page, reached through its hexagon: its name, each party's seats, its sources as text.
        var shown = page.GetProperty("council");
        Assert.Equal($"/showcase/council.html?code={council.Council.Code}", shown.GetProperty("url").GetString());
        Assert.Equal(council.Council.Name, shown.GetProperty("name").GetString());
        Assert.Equal(council.Seats.Select(s => (s.PartyCode, s.Won)).Order(),
            shown.GetProperty("seats").EnumerateArray().Select(s => (s.GetProperty("partyCode").GetString()!, s.GetProperty("won").GetInt32())).Order());
        Assert.Equal(council.Sources ?? "Not recorded.", shown.GetProperty("sources").GetString());
        // Sources are text; only their http(s) addresses become links.
        var links = page.GetProperty("sourceLinks");
        Assert.Equal(Sources, links.GetProperty("text").GetString());
        Assert.Equal(SourceLinks, Strings(links.GetProperty("hrefs")));

        // The screenshot: a PNG, 1280 px wide.
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
    }

    [SkippableFact]
    public async Task On_polling_day_a_declaration_reaches_the_map_and_the_scoreboard_within_two_seconds_without_a_reload()
    {
        Chromium.Required();
        using var live = LiveApi.With(ResultsDesk.PollingDay);
        var result = ResultsDesk.Declarable[0];
        var party = result.Seats.MaxBy(s => s.Won)!;
        var declaration = Declaration(result);

        // The script waits at most 2 s from the declaration's answer for the hexagon and the scoreboard to change.
        var page = JsonDocument.Parse(await Node.ScriptAsync("showcase.mjs", TimeSpan.FromMinutes(1),
            "live", live.Endpoint.ToString(), ResultsDesk.Key, declaration, result.Council.Code, party.PartyCode, party.Won.ToString())).RootElement;

        Assert.Empty(Strings(page.GetProperty("consoleErrors")));
        var legend = Legend(page);
        Assert.Equal(legend["none"], page.GetProperty("before").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(result.Control.After, page.GetProperty("control").GetString());
        Assert.Equal(Colour(result, legend), page.GetProperty("after").GetString(), StringComparer.OrdinalIgnoreCase);
        output.WriteLine($"{result.Council.Name}: drawn and counted {page.GetProperty("elapsedMs")} ms after the declaration's answer");
        Assert.InRange(page.GetProperty("elapsedMs").GetInt32(), 0, 2000);
        Assert.Equal("open", page.GetProperty("live").GetString());
    }

    [SkippableFact]
    public async Task After_a_dropped_socket_the_page_reconnects_and_catches_up_with_the_declaration_it_missed()
    {
        Chromium.Required();
        using var live = LiveApi.With(ResultsDesk.PollingDay);
        var (first, second) = (ResultsDesk.Declarable[0], ResultsDesk.Declarable[1]);
        var party = second.Seats.MaxBy(s => s.Won)!.PartyCode;
        var seats = new[] { first, second }.SelectMany(r => r.Seats).Where(s => s.PartyCode == party).Sum(s => s.Won);

        // The page hears the first declaration live; then its socket goes deaf, the second is declared, and the socket drops.
        var page = JsonDocument.Parse(await Node.ScriptAsync("showcase.mjs", TimeSpan.FromMinutes(1),
            "reconnect", live.Endpoint.ToString(), ResultsDesk.Key,
            Declaration(first), first.Council.Code, Declaration(second), second.Council.Code, party, seats.ToString())).RootElement;

        Assert.Empty(Strings(page.GetProperty("consoleErrors")));
        Assert.Equal(second.Control.After, page.GetProperty("control").GetString());
        var states = Strings(page.GetProperty("states"));
        Assert.Equal("open", states[^1]);
        Assert.Contains("reconnecting", states);
        Assert.Equal(2, page.GetProperty("sockets").GetInt32());
        // It caught up with what was stored since the newest result it had (the first), not with everything.
        var stored = (await live.Api.QueryAsync(PartnerExamples.Text("showcase-results.graphql"), new { where = new { council = new { code = new { eq = first.Council.Code } } } }))
            .GetProperty("councilResults").GetProperty("nodes")[0].GetProperty("updatedAt").GetString();
        var catchUp = Assert.Single(page.GetProperty("catchUps").EnumerateArray());
        Assert.Equal(stored, catchUp.GetProperty("updatedSince").GetString());
    }

    private static string Declaration(CouncilResult result) =>
        JsonSerializer.Serialize(new { query = ResultsDesk.Declare, variables = new { input = ResultsDesk.Input(result, $"showcase:{result.Council.Code}") } });

    /// <summary>The scoreboard as displayed equals the API's partyTotals for the slice, row for row, and says where a sum is partial.</summary>
    private static async Task AssertScoreboard(LiveApi live, JsonElement shown, object? where)
    {
        var totals = (await live.Api.QueryAsync(PartnerExamples.Text("showcase-scoreboard.graphql"), new { where })).GetProperty("partyTotals").EnumerateArray().ToList();
        string[] figures = ["seatsWon", "seatsChange", "councilsControlled", "councilsGained", "councilsLost"];
        Assert.NotEmpty(totals);
        Assert.Equal(
            totals.Select(t => string.Join(' ', [t.GetProperty("partyCode").GetString()!, .. figures.Select(f => t.GetProperty(f).GetInt32().ToString())])),
            shown.EnumerateArray().Select(r => string.Join(' ', [r.GetProperty("partyCode").GetString()!, .. figures.Select(f => r.GetProperty(f).GetInt32().ToString())])));
        foreach (var (total, row) in totals.Zip(shown.EnumerateArray()))
        {
            Assert.True(row.GetProperty("shown").GetBoolean(), $"{row} is not shown");
            var coverage = total.GetProperty("coverage");
            var (councils, reported) = (coverage.GetProperty("councils").GetInt32(), coverage.GetProperty("changeReported").GetInt32());
            var note = row.GetProperty("coverage").GetString();
            if (coverage.GetProperty("complete").GetBoolean()) Assert.Null(note);
            else if (reported < councils) Assert.Contains($"change reported for {reported} of {councils} councils", note);
            else Assert.NotNull(note);
        }
    }

    /// <summary>The fill a council's result should have: its party's colour, else the key's colour for no overall control or for a party without one.</summary>
    private static string Colour(CouncilResult result, IReadOnlyDictionary<string, string> legend) =>
        result.Control.After == Control.NoOverallControl
            ? legend["NOC"]
            : Seed.Documents.Parties.Single(p => p.Id == result.Control.After).Colour ?? legend["fallback"];

    /// <summary>The key: entry → colour, each entry's swatch drawn in the colour it names.</summary>
    private static Dictionary<string, string> Legend(JsonElement page)
    {
        var entries = page.GetProperty("legend").EnumerateArray().ToList();
        Assert.All(entries, entry => Assert.Equal(entry.GetProperty("colour").GetString(), entry.GetProperty("fill").GetString()));
        return entries.ToDictionary(entry => entry.GetProperty("key").GetString()!, entry => entry.GetProperty("colour").GetString()!);
    }

    private static Dictionary<string, (string Fill, string Control)> Hexes(JsonElement hexes) =>
        hexes.EnumerateArray().ToDictionary(h => h.GetProperty("code").GetString()!, h => (h.GetProperty("fill").GetString()!, h.GetProperty("control").GetString()!));

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
