using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ElectionGraph.Tests.Support;

/// <summary>A raw graphql-transport-ws client on the in-process API, for checking the protocol message by message.</summary>
public sealed class GraphQLSocket : IAsyncDisposable
{
    private readonly WebSocket _socket;

    private GraphQLSocket(WebSocket socket) => _socket = socket;

    /// <param name="headerKey">An API key for the upgrade request's X-Api-Key header.</param>
    /// <param name="origin">The upgrade request's Origin, as a browser page's would carry.</param>
    public static async Task<GraphQLSocket> ConnectAsync(
        WebApplicationFactory<Program> api, string? subprotocol = "graphql-transport-ws", string? headerKey = null, string? origin = null)
    {
        var client = api.Server.CreateWebSocketClient();
        if (subprotocol is not null) client.SubProtocols.Add(subprotocol);
        client.ConfigureRequest = request =>
        {
            if (headerKey is not null) request.Headers["X-Api-Key"] = headerKey;
            if (origin is not null) request.Headers.Origin = origin;
        };
        return new GraphQLSocket(await client.ConnectAsync(new Uri(api.Server.BaseAddress, "/graphql"), CancellationToken.None));
    }

    /// <summary>A client on a real socket (the API on Kestrel), where TCP's buffers and backpressure are real.</summary>
    public static async Task<GraphQLSocket> ConnectAsync(Uri endpoint)
    {
        var client = new ClientWebSocket();
        client.Options.AddSubProtocol("graphql-transport-ws");
        await client.ConnectAsync(new UriBuilder(endpoint) { Scheme = "ws" }.Uri, CancellationToken.None);
        return new GraphQLSocket(client);
    }

    /// <summary>Connects and completes connection_init/connection_ack.</summary>
    public static Task<GraphQLSocket> ReadyAsync(WebApplicationFactory<Program> api, string? apiKey = null, string? origin = null) =>
        InitialiseAsync(ConnectAsync(api, origin: origin), apiKey);

    public static Task<GraphQLSocket> ReadyAsync(Uri endpoint) => InitialiseAsync(ConnectAsync(endpoint), apiKey: null);

    private static async Task<GraphQLSocket> InitialiseAsync(Task<GraphQLSocket> connecting, string? apiKey)
    {
        var socket = await connecting;
        await socket.SendAsync(new { type = "connection_init", payload = new { apiKey } });
        var ack = await socket.ReceiveAsync();
        Assert.Equal("connection_ack", ack?.GetProperty("type").GetString());
        return socket;
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) => SendBytesAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>A text message of exactly these bytes, valid UTF-8 or not.</summary>
    public Task SendBytesAsync(byte[] bytes) => _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    /// <summary>
    /// Pings and waits for the pong, which the server sends once every subscription asked for before is live:
    /// from then on each declaration stored reaches them. Fails if anything else arrives first.
    /// </summary>
    public async Task AcknowledgedAsync()
    {
        await SendAsync(new { type = "ping" });
        var pong = await ReceiveAsync();
        Assert.True(pong?.GetProperty("type").GetString() == "pong", $"Expected a pong; got {pong?.GetRawText() ?? "the socket closed"}.");
    }

    /// <summary>Subscribes and waits until the subscription is live.</summary>
    public async Task SubscribedAsync(string id, string query, object? variables = null)
    {
        await SubscribeAsync(id, query, variables);
        await AcknowledgedAsync();
    }

    /// <summary>The next message; null once the server closed the socket (see <see cref="ClosedAsync"/>).</summary>
    public Task<JsonElement?> ReceiveAsync() => Eventually.ArrivesAsync(ReceiveAsync, "a message from the server");

    public async Task<JsonElement?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return JsonDocument.Parse(message.ToArray()).RootElement;
        }
    }

    /// <summary>Reads until the server closes, and returns its close code and reason.</summary>
    public async Task<(int Code, string? Reason)> ClosedAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }

        return ((int)_socket.CloseStatus!, _socket.CloseStatusDescription);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open) await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        _socket.Dispose();
    }
}
