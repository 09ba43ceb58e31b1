using System.Text.Json;
using System.Text.RegularExpressions;
using ElectionGraph.Api.Transport.GraphiQL;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Transport;

/// <summary>
/// The GraphiQL page in Debian's Chromium with every request off 127.0.0.1 blocked: everything it needs comes
/// from the API, which ships GraphiQL's files with the build.
/// </summary>
public class GraphiQLBrowserTests
{
    private const string Example = "council-page";

    [SkippableFact]
    public async Task GraphiQL_runs_its_default_query_and_the_examples_offline_with_the_schema_documented()
    {
        Chromium.Required();
        using var live = new LiveApi();

        var page = JsonDocument.Parse(await Node.ScriptAsync("graphiql.mjs", TimeSpan.FromMinutes(2), live.Endpoint.ToString(), Example)).RootElement;

        Assert.Empty(page.GetProperty("consoleErrors").EnumerateArray());
        var requests = page.GetProperty("requests").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains($"{live.Endpoint}/assets/graphiql@{GraphiQLPage.GraphiQLVersion}/graphiql.min.js", requests);
        // The default query asks for Labour's biggest loss of the night.
        var (council, change) = Seed.Documents.CouncilResults
            .Where(r => r.ElectionId == Seed.Election)
            .SelectMany(r => r.Seats.Where(s => s.PartyCode == "LAB" && s.Change is not null).Select(s => (r.Council.Name, Change: s.Change!.Value)))
            .MinBy(loss => loss.Change);
        var result = page.GetProperty("result").GetString()!;
        Assert.Contains($"\"name\": \"{council}\"", result);
        Assert.Contains($"\"change\": {change}", result);

        Assert.Contains("query: Query", page.GetProperty("docExplorer").GetString());
        Assert.Contains("subscription: Subscription", page.GetProperty("docExplorer").GetString());

        var examples = Directory.GetFiles(Repo.File("schema/examples"), "*.graphql").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(examples, page.GetProperty("examples").EnumerateArray().Select(e => e.GetString()));
        var text = File.ReadAllText(Repo.File($"schema/examples/{Example}.graphql")).ReplaceLineEndings("\n");
        Assert.Equal(text, page.GetProperty("exampleQuery").GetString());
        var code = Regex.Match(text, "\\$code: ID! = \"(\\w+)\"").Groups[1].Value;
        var answer = page.GetProperty("exampleResult").GetString()!;
        Assert.Contains($"\"name\": \"{Seed.Documents.Councils.Single(c => c.Id == code).Name}\"", answer);
        Assert.DoesNotContain("\"errors\"", answer);
    }
}
