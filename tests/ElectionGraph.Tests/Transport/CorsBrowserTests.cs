using System.Text.Json;
using ElectionGraph.Api.Cors;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Transport;

/// <summary>A partner's page on another origin, in Debian's Chromium, calling the API as browser code does.</summary>
public class CorsBrowserTests
{
    [SkippableFact]
    public async Task A_page_from_another_origin_queries_and_subscribes_but_its_mutation_is_refused()
    {
        Chromium.Required();
        using var live = LiveApi.With(ResultsDesk.PollingDay);
        var result = ResultsDesk.Declarable[0];
        var declare = new { query = ResultsDesk.Declare, variables = new { input = ResultsDesk.Input(result, "from-a-page") } };

        using var page = await Node.StartAsync("cors.mjs", live.Endpoint.ToString(), ResultsDesk.Key,
            JsonSerializer.Serialize(new { declare, subscribe = Subscribed.Declarations }));
        var shown = JsonDocument.Parse(await page.ReadLineAsync()).RootElement;

        Assert.NotEqual(live.Endpoint.GetLeftPart(UriPartial.Authority), shown.GetProperty("origin").GetString());
        var query = Answer(shown, "query");
        Assert.Equal(200, query.GetProperty("status").GetInt32());
        Assert.Contains(Seed.Election, query.GetProperty("body").GetProperty("data").GetProperty("elections").GetProperty("nodes").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.NotNull(query.GetProperty("requestId").GetString()); // an exposed header
        var mutation = Answer(shown, "mutation");
        Assert.Equal((403, Origins.NotAllowed), (mutation.GetProperty("status").GetInt32(), Keys.Code(mutation.GetProperty("body"))));
        var overSocket = shown.GetProperty("socketMutation");
        Assert.Equal(("error", Origins.NotAllowed), (overSocket.GetProperty("type").GetString(), overSocket.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString()));
        Assert.Empty(live.Api.Services.GetRequiredService<IDocumentStore>().Collection<CouncilResult>().Query());

        // The same mutation from the desk's own tool (no page, no origin) runs, and the page sees it.
        var declared = await new ResultsDesk(live.Api).SendAsync(ResultsDesk.Declare, declare.variables);
        Assert.False(declared.TryGetProperty("errors", out var errors), errors.ToString());
        var declaredEvent = JsonDocument.Parse(await page.ReadLineAsync()).RootElement.GetProperty("event");
        Assert.Equal(result.Council.Code, declaredEvent.GetProperty("data").GetProperty("councilResultDeclared").GetProperty("council").GetProperty("code").GetString());
    }

    /// <summary>An answer the page could read; fails with the browser's reason if its CORS check stopped the fetch.</summary>
    private static JsonElement Answer(JsonElement shown, string name)
    {
        var answer = shown.GetProperty(name);
        Assert.False(answer.TryGetProperty("failed", out var failed), $"The page could not read the {name}'s answer: {failed}");
        return answer;
    }
}
