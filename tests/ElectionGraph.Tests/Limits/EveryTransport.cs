using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ElectionGraph.Api.Transport;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Limits;

/// <summary>
/// One request sent every way in (POST in both media types, GET, Server-Sent Events, a WebSocket), each
/// checked to be refused as that transport refuses a request that runs nothing; then a normal query,
/// which each must answer at once.
/// </summary>
public sealed class EveryTransport(ApiFactory api)
{
    private const string Normal = "{ elections { totalCount } }";

    /// <summary>The errors each transport answered with, by transport.</summary>
    /// <param name="webSocket">False for a document larger than a WebSocket message may be (the socket closes with 1009 instead).</param>
    public async Task<Dictionary<string, JsonElement>> RefusalsAsync(string query, object? variables = null, bool webSocket = true)
    {
        var errors = new Dictionary<string, JsonElement>
        {
            ["POST graphql-response+json"] = await PostAsync(query, variables, MediaTypes.GraphQLResponse, HttpStatusCode.BadRequest),
            ["POST json"] = await PostAsync(query, variables, MediaTypes.Json, HttpStatusCode.OK),
            ["GET"] = await GetAsync(query, variables),
            ["SSE"] = await PostAsync(query, variables, "text/event-stream", HttpStatusCode.BadRequest),
        };
        if (webSocket) errors["WebSocket"] = await SubscribeAsync(query, variables);
        await StillServingAsync();
        return errors;
    }

    /// <summary>Every transport refused the request with this code, alone.</summary>
    public async Task<Dictionary<string, JsonElement>> RefusedAsync(string code, string query, object? variables = null, bool webSocket = true)
    {
        var refusals = await RefusalsAsync(query, variables, webSocket);
        Assert.All(refusals, r => Assert.Equal([code], Codes(r.Value)));
        return refusals;
    }

    public static IReadOnlyList<string?> Codes(JsonElement errors) =>
        errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()).ToList();

    /// <summary>A normal query, answered over HTTP and over a WebSocket.</summary>
    public async Task StillServingAsync()
    {
        var data = await api.QueryAsync(Normal);
        Assert.Equal(1, data.GetProperty("elections").GetProperty("totalCount").GetInt32());
        await using var socket = await GraphQLSocket.ReadyAsync(api);
        await socket.SubscribeAsync("normal", Normal);
        var next = await socket.ReceiveAsync();
        Assert.Equal(1, next?.GetProperty("payload").GetProperty("data").GetProperty("elections").GetProperty("totalCount").GetInt32());
    }

    private async Task<JsonElement> PostAsync(string query, object? variables, string accept, HttpStatusCode expected)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, MediaTypes.Json),
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue(accept) } },
        };
        using var response = await client.SendAsync(request);
        return await ErrorsAsync(response, expected, $"POST {accept}");
    }

    private async Task<JsonElement> GetAsync(string query, object? variables)
    {
        using var client = api.CreateClient();
        var url = $"/graphql?query={Uri.EscapeDataString(query)}" + (variables is null ? "" : $"&variables={Uri.EscapeDataString(JsonSerializer.Serialize(variables))}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Accept = { new MediaTypeWithQualityHeaderValue(MediaTypes.GraphQLResponse) } } };
        using var response = await client.SendAsync(request);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return await ErrorsAsync(response, HttpStatusCode.BadRequest, "GET");
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response, HttpStatusCode expected, string transport)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{transport}: expected {expected}, got {response.StatusCode}: {body}");
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.False(answer.TryGetProperty("data", out _), $"{transport} ran something: {body}");
        return answer.GetProperty("errors").Clone();
    }

    /// <summary>Over a WebSocket: an <c>error</c> message for that subscription, and the socket still open.</summary>
    private async Task<JsonElement> SubscribeAsync(string query, object? variables)
    {
        await using var socket = await GraphQLSocket.ReadyAsync(api);
        await socket.SubscribeAsync("refused", query, variables);
        var error = await socket.ReceiveAsync();
        Assert.Equal(("refused", "error"), (error?.GetProperty("id").GetString(), error?.GetProperty("type").GetString()));
        await socket.AcknowledgedAsync();
        return error!.Value.GetProperty("payload").Clone();
    }
}
