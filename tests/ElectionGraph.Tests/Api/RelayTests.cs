using System.Text.Json;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Api;

/// <summary>
/// Relay works unchanged (tests/interop/relay): relay-compiler 21 compiles a @refetchable fragment on CouncilResult,
/// a @connection paginated with the query Relay generates, and node(id:), against schema/schema.graphql; the operations
/// it generated run against the API on 127.0.0.1, through README's network layer (tests/interop/relay/network.mjs), which
/// persists them by hash.
/// </summary>
public class RelayTests(LiveApi live) : IClassFixture<LiveApi>
{
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;

    [Fact]
    public async Task Relay_compiles_against_the_published_schema_and_its_generated_operations_answer()
    {
        var seed = Seed.Documents;
        var result = seed.CouncilResults.Single(r => r.Id == $"{Seed.Election}:E07000170");
        var lookups = new Dictionary<string, (string Type, string Name)>
        {
            [Seed.Election] = ("Election", seed.Elections.Single(e => e.Id == Seed.Election).Name),
            ["council:E07000170"] = ("Council", seed.Councils.Single(c => c.Id == "E07000170").Name),
            ["party:LD"] = ("Party", seed.Parties.Single(p => p.Id == "LD").Name),
            ["mayor.bedford.2019-05-02"] = ("Mayoralty", seed.Mayoralties.Single(m => m.Id == "mayor.bedford.2019-05-02").AreaName),
            [result.Id] = ("CouncilResult", result.Council.Name),
        };

        var runs = (await Node.ScriptAsync("relay/relay.mjs", TimeSpan.FromMinutes(2), [live.Endpoint.ToString(), Seed.Election, .. lookups.Keys]))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.All(runs, run => Assert.False(run.GetProperty("body").TryGetProperty("errors", out _), run.ToString()));
        Assert.Equal(["ResultsPageQuery", "ResultsListPaginationQuery", "CouncilResultCardRefetchQuery", .. lookups.Keys.Select(_ => "NodeLookupQuery")],
            runs.Select(run => run.GetProperty("name").GetString()));

        // Each operation's hash alone first; its text only the first time, when the server does not know the hash yet.
        Assert.Equal(runs.Select((run, i) => runs.Take(i).Any(earlier => Name(earlier) == Name(run))
                ? "GET 200"
                : "GET 200, POST with text 200"),
            runs.Select(run => string.Join(", ", run.GetProperty("requests").EnumerateArray().Select(request =>
                $"{request.GetProperty("method").GetString()}{(request.GetProperty("querySent").GetBoolean() ? " with text" : "")} {request.GetProperty("status").GetInt32()}"))));

        // The connection's first page, then the page Relay's own pagination query fetches from its end cursor.
        var pages = runs.Take(2).Select(run => Data(run).GetProperty("councilResults").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList()).ToList();
        Assert.Equal(
            seed.CouncilResults.Where(r => r.ElectionId == Seed.Election).OrderBy(r => r.Council.Name, Ordinal).ThenBy(r => r.Id, Ordinal).Take(10).Select(r => r.Id),
            pages.SelectMany(page => page).Select(node => node.GetProperty("id").GetString()));

        // The query Relay generated for @refetchable asks node(id:) and gets back the same result.
        var refetch = runs[2];
        Assert.Contains("node(id: $id)", refetch.GetProperty("text").GetString());
        Assert.Equal(Fields(pages[0][0]), Fields(Data(refetch).GetProperty("node")));

        // node(id:) finds each type from its id.
        Assert.Equal(lookups.Select(l => (l.Key, l.Value.Type, l.Value.Name)), runs.Skip(3).Select(run =>
        {
            var node = Data(run).GetProperty("node");
            var name = node.TryGetProperty("council", out var council) ? council.GetProperty("name")
                : node.TryGetProperty("areaName", out var area) ? area : node.GetProperty("name");
            return (node.GetProperty("id").GetString()!, node.GetProperty("__typename").GetString()!, name.GetString()!);
        }));
    }

    private static JsonElement Data(JsonElement run) => run.GetProperty("body").GetProperty("data");

    private static string? Name(JsonElement run) => run.GetProperty("name").GetString();

    /// <summary>A result's fields in order of name, whatever order the operation selected them in.</summary>
    private static string Fields(JsonElement node) =>
        string.Join(", ", node.EnumerateObject().OrderBy(p => p.Name, Ordinal).Select(p => $"{p.Name}: {p.Value.GetRawText()}"));
}
