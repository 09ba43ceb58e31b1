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
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? name = null, data = null;
        while (await events.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith("event: ")) name = line["event: ".Length..];
            else if (line.StartsWith("data: ")) data = line["data: ".Length..];
            else if (line.Length == 0 && name is not null) return (name, data ?? "");
        }

        throw new EndOfStreamException();
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
            Assert.Equal(("next", """{"data":{"councils":{"totalCount":259}}}"""), await NextEvent(events));
            Assert.Equal("complete", (await NextEvent(events)).Event);
        }

        var (refused, _) = await Open("subscription { nope }");
        using (refused) Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    public void Dispose()
    {
        _api.Dispose();
        _data.Dispose();
    }
}
