using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Subscriptions;

/// <summary>The same subscriptions over Server-Sent Events: graphql-sse's distinct-connections mode.</summary>
public sealed class EventStreamTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly ApiFactory _api;

    public EventStreamTests() => _api = new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay);

    private async Task<(HttpResponseMessage Response, StreamReader Events)> Open(string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await _api.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    private static async Task<(string Event, string Data)> NextEvent(StreamReader events)
    {
        return await Eventually.ArrivesAsync(async cancel =>
        {
            string? name = null, data = null;
            while (await events.ReadLineAsync(cancel) is { } line)
            {
                if (line.StartsWith("event: ")) name = line["event: ".Length..];
                else if (line.StartsWith("data: ")) data = line["data: ".Length..];
                else if (line.Length == 0 && name is not null) return (name, data ?? "");
            }

            throw new EndOfStreamException();
        }, "an event");
    }

    [Fact]
    public async Task A_subscription_streams_each_declaration_as_a_next_event()
    {
        var (response, events) = await Open("""subscription { councilResultDeclared(electionId: "local.2019-05-02") { council { code } version } }""");
        using (response)
        {
            // The stream's headers are its acknowledgement: it is live.
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);

            var council = ResultsDesk.Declarable[0];
            await new ResultsDesk(_api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(council, "d-1") });

            var (name, data) = await NextEvent(events);
            Assert.Equal("next", name);
            Assert.Equal("""{"data":{"councilResultDeclared":{"council":{"code":"CODE"},"version":1}}}""".Replace("CODE", council.Council.Code), data);
        }
    }

    [Fact]
    public async Task A_query_is_one_next_event_then_complete_and_an_invalid_one_is_refused_before_streaming()
    {
        var (response, events) = await Open("{ councils { totalCount } }");
        using (response)
        {
            var (name, data) = await NextEvent(events);
            Assert.Equal(("next", """{"councils":{"totalCount":259}}"""), (name, JsonDocument.Parse(data).RootElement.GetProperty("data").GetRawText()));
            Assert.Equal("complete", (await NextEvent(events)).Event);
        }

        var (refused, _) = await Open("subscription { nope }");
        using (refused) Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
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
        using var request = new HttpRequestMessage(HttpMethod.Post, live.Endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = """subscription { councilResultDeclared(electionId: "local.2019-05-02") { notes } }""" }), Encoding.UTF8, "application/json"),
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/event-stream") } },
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var desk = new ResultsDesk(live.Api);
        foreach (var (result, i) in ResultsDesk.Declarable.Take(60).Select((r, i) => (r, i)))
        {
            var input = ResultsDesk.Input(result, $"big-{i}");
            input["notes"] = new string('x', 400_000);
            await desk.SendAsync(ResultsDesk.Declare, new { input });
        }

        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        var received = new List<(string Event, string Data)>();
        while (received.LastOrDefault().Event != "complete") received.Add(await NextEvent(events));

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
