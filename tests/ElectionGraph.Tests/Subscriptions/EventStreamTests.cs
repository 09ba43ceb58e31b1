using System.Net;
using System.Text.Json;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Subscriptions;

/// <summary>The same subscriptions over Server-Sent Events: graphql-sse's distinct-connections mode.</summary>
public sealed class EventStreamTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly ApiFactory _api;

    public EventStreamTests() => _api = new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay);

    [Fact]
    public async Task A_subscription_streams_each_declaration_as_a_next_event()
    {
        using var stream = await EventStreamClient.OpenAsync(_api.CreateClient(), """subscription { councilResultDeclared(electionId: "local.2019-05-02") { council { code } version } }""");
        // The stream's headers are its acknowledgement: it is live.
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType!.MediaType);

        var council = ResultsDesk.Declarable[0];
        await new ResultsDesk(_api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(council, "d-1") });

        var (name, data) = await stream.NextAsync();
        Assert.Equal("next", name);
        Assert.Equal("""{"data":{"councilResultDeclared":{"council":{"code":"CODE"},"version":1}}}""".Replace("CODE", council.Council.Code), data);
    }

    [Fact]
    public async Task A_query_is_one_next_event_then_complete_and_an_invalid_one_is_refused_before_streaming()
    {
        using (var query = await EventStreamClient.OpenAsync(_api.CreateClient(), "{ councils { totalCount } }"))
        {
            var (name, data) = await query.NextAsync();
            Assert.Equal(("next", """{"councils":{"totalCount":259}}"""), (name, JsonDocument.Parse(data).RootElement.GetProperty("data").GetRawText()));
            Assert.Equal("complete", (await query.NextAsync()).Event);
        }

        using var refused = await EventStreamClient.OpenAsync(_api.CreateClient(), "subscription { nope }");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Response.StatusCode);
    }

    [Fact]
    public async Task A_stream_too_far_behind_is_told_so_after_what_it_was_sent_then_completes()
    {
        // As over WebSocket: a client that reads nothing on a real socket, large declarations, a full outbox.
        using var live = LiveApi.With(new Dictionary<string, string>(ResultsDesk.PollingDay)
        {
            ["ElectionGraph:Subscriptions:OutboxCapacity"] = "2",
            ["ElectionGraph:Limits:MaxVariablesBytes"] = "1000000", // declarations with 400 KB of notes
        });
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var stream = await EventStreamClient.OpenAsync(client, """subscription { councilResultDeclared(electionId: "local.2019-05-02") { notes } }""", live.Endpoint);
        var desk = new ResultsDesk(live.Api);
        foreach (var (result, i) in ResultsDesk.Declarable.Take(60).Select((r, i) => (r, i)))
        {
            var input = ResultsDesk.Input(result, $"big-{i}");
            input["notes"] = new string('x', 400_000);
            await desk.SendAsync(ResultsDesk.Declare, new { input });
        }

        var received = new List<(string Event, string Data)>();
        while (received.LastOrDefault().Event != "complete") received.Add(await stream.NextAsync());

        Assert.InRange(received.Count, 3, 61);
        Assert.All(received[..^2], e => Assert.Contains(new string('x', 400_000), e.Data));
        Assert.Equal("next", received[^2].Event);
        Assert.Equal("TOO_FAR_BEHIND", JsonDocument.Parse(received[^2].Data).RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    public void Dispose()
    {
        _api.Dispose();
        _data.Dispose();
    }
}
