using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ElectionGraph.Tests.Support;

/// <summary>
/// A partner's webhook endpoint on 127.0.0.1 (Kestrel): keeps every request it is sent (headers and body) and answers
/// each with the status the test chooses for it, by its number (1 for the first).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <param name="ArrivedAt">When it arrived, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</param>
    public sealed record Received(int Number, IReadOnlyDictionary<string, string> Headers, byte[] Body, string Path, long ArrivedAt)
    {
        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No {name} header; headers: {string.Join(", ", Headers.Keys)}");
    }

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly Channel<Received> _arrivals = Channel.CreateUnbounded<Received>();
    private int _count;

    private WebhookReceiver(int port, Func<int, Task<int>> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _app = builder.Build();
        _app.Run(async context =>
        {
            var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var received = new Received(Interlocked.Increment(ref _count),
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray(), context.Request.Path, arrived);
            _received.Enqueue(received);
            _arrivals.Writer.TryWrite(received);
            context.Response.StatusCode = await answer(received.Number);
            if (context.Response.StatusCode is >= 300 and < 400) context.Response.Headers.Location = "/elsewhere";
        });
        Url = new Uri($"http://127.0.0.1:{port}/hooks/results");
    }

    /// <summary>Where it listens: http://127.0.0.1:port/hooks/results.</summary>
    public Uri Url { get; }

    public IReadOnlyList<Received> Requests => [.. _received];

    /// <param name="port">A port chosen before (say, to start it only after the API has failed to reach it); any free one otherwise.</param>
    /// <param name="status">The status of the request with this number; 200 for all when none.</param>
    public static Task<WebhookReceiver> StartAsync(Func<int, int>? status = null, int? port = null) =>
        StartAsync(number => Task.FromResult(status?.Invoke(number) ?? 200), port);

    /// <inheritdoc cref="StartAsync(Func{int, int}?, int?)"/>
    public static async Task<WebhookReceiver> StartAsync(Func<int, Task<int>> answer, int? port = null)
    {
        var receiver = new WebhookReceiver(port ?? Ports.Free(), answer);
        await receiver._app.StartAsync();
        return receiver;
    }

    /// <summary>The next request to arrive (or the first not yet taken).</summary>
    public Task<Received> NextAsync() => Eventually.ArrivesAsync(cancel => _arrivals.Reader.ReadAsync(cancel).AsTask(), "a webhook request");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
