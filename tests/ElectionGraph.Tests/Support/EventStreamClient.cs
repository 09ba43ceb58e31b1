using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ElectionGraph.Tests.Support;

/// <summary>A graphql-sse client (distinct-connections mode): one operation, posted with Accept: text/event-stream, its events as they come.</summary>
public sealed class EventStreamClient : IDisposable
{
    private readonly StreamReader _events;

    private EventStreamClient(HttpResponseMessage response, StreamReader events)
    {
        Response = response;
        _events = events;
    }

    /// <summary>The response, once its headers arrived: for a subscription, its acknowledgement.</summary>
    public HttpResponseMessage Response { get; }

    /// <param name="client">A client on the in-process API, or one on a real socket with <paramref name="endpoint"/>.</param>
    public static async Task<EventStreamClient> OpenAsync(HttpClient client, string query, Uri? endpoint = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint ?? new Uri("/graphql", UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/event-stream") } },
        };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new EventStreamClient(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event (heartbeats skipped); fails when the stream ends first.</summary>
    public Task<(string Event, string Data)> NextAsync() => Eventually.ArrivesAsync(async cancel =>
    {
        string? name = null, data = null;
        while (await _events.ReadLineAsync(cancel) is { } line)
        {
            if (line.StartsWith("event: ")) name = line["event: ".Length..];
            else if (line.StartsWith("data: ")) data = line["data: ".Length..];
            else if (line.Length == 0 && name is not null) return (name, data ?? "");
        }

        throw new EndOfStreamException();
    }, "an event");

    /// <summary>Reads until the server ends the stream; returns the events it sent first.</summary>
    public async Task<IReadOnlyList<(string Event, string Data)>> EndedAsync()
    {
        var received = new List<(string Event, string Data)>();
        try
        {
            while (true) received.Add(await NextAsync());
        }
        catch (EndOfStreamException)
        {
            return received;
        }
    }

    public void Dispose()
    {
        _events.Dispose();
        Response.Dispose();
    }
}
