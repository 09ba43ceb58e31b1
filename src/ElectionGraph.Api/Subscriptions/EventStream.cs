using System.Text;
using ElectionGraph.Api.Budgets;
using ElectionGraph.Api.Cors;
using ElectionGraph.Api.Telemetry;
using ElectionGraph.Api.Transport;
using GraphQL;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ElectionGraph.Api.Subscriptions;

/// <summary>
/// The graphql-sse protocol's distinct-connections mode, for partners behind proxies that block
/// WebSockets: one operation per request (GET or POST with <c>Accept: text/event-stream</c>), its results
/// as <c>next</c> events, then <c>complete</c>.
/// </summary>
public sealed class EventStream(
    SubscriptionHub hub, IGraphQLTextSerializer serializer, OpenStreams openStreams, Origins origins, IOptions<SubscriptionOptions> options, Instruments instruments)
{
    public const string MediaType = "text/event-stream";

    /// <summary>This transport's name in metrics.</summary>
    private const string Transport = "sse";

    private static readonly byte[] Heartbeat = ":\n\n"u8.ToArray();

    private static readonly byte[] TooFarBehind = Encoding.UTF8.GetBytes(
        $$$"""{"errors":[{"message":"{{{Outbox.TooFarBehind}}}","extensions":{"code":"TOO_FAR_BEHIND"}}]}""");

    public async Task StreamAsync(HttpContext http, OperationRequest request)
    {
        using var slot = await openStreams.OpenStreamAsync(http);
        if (slot is null) return;

        var outbox = new Outbox(options.Value.OutboxCapacity);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        // A client too far behind is told so after what it was already sent; if it does not read that far
        // within the grace period, it is dropped.
        using var overflowed = outbox.Overflowed.Register(() => stop.CancelAfter(Outbox.OverflowGrace));
        var started = await hub.StartAsync(request, http.User, origins.MayWrite(http.Request), latestWins => new OutboxSubscriber(outbox, "", latestWins, () => { }), http.RequestAborted);
        if (started.Refused is { } refused)
        {
            // Nothing streamed yet: refuse as an ordinary GraphQL-over-HTTP answer would.
            http.Response.StatusCode = ErrorStatus.Apply(http.Response, refused) ?? StatusCodes.Status400BadRequest;
            http.Response.ContentType = $"{MediaTypes.Json}; charset=utf-8";
            await serializer.WriteAsync(http.Response.Body, refused, http.RequestAborted);
            return;
        }

        instruments.Connection(Transport, +1);
        try
        {
            using (started.Ticket)
            {
                // The subscription is live: the response's headers are its acknowledgement.
                http.Response.ContentType = $"{MediaType}; charset=utf-8";
                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers["X-Accel-Buffering"] = "no";
                await http.Response.Body.FlushAsync(stop.Token);
                using var writing = new SemaphoreSlim(1, 1);
                using var streaming = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                var heartbeat = HeartbeatAsync(http.Response.Body, writing, streaming.Token);
                try
                {
                    await foreach (var queued in outbox.Reader.ReadAllAsync(stop.Token))
                    {
                        var frame = queued;
                        if (outbox.Overflowed.IsCancellationRequested)
                        {
                            frame.Delivery?.Done();
                            instruments.ClosedSlow(Transport);
                            await EndWithErrorsAsync(http.Response.Body, writing, TooFarBehind, stop.Token);
                            break;
                        }

                        if (frame.Kind == FrameKind.Error)
                        {
                            byte[] result = [.. "{\"errors\":"u8, .. frame.Payload.Span, .. "}"u8];
                            await EndWithErrorsAsync(http.Response.Body, writing, result, stop.Token);
                            break;
                        }

                        if (frame.Kind == FrameKind.Latest && !outbox.TakeLatest(frame.Id!, out frame)) continue;
                        var complete = frame.Kind == FrameKind.Complete;
                        try
                        {
                            await WriteAsync(http.Response.Body, writing, complete ? "complete" : "next", complete ? default : frame.Payload, stop.Token);
                        }
                        finally
                        {
                            frame.Delivery?.Done();
                        }

                        if (complete) break;
                    }
                }
                catch (OperationCanceledException)
                {
                    // The client left, or did not read what it was owed in time.
                }

                await streaming.CancelAsync();
                await heartbeat;
                outbox.Abandon();
            }
        }
        finally
        {
            instruments.Connection(Transport, -1);
        }
    }

    /// <summary>
    /// graphql-sse has no error event: an operation that ends in errors sends them as its last <c>next</c> (a
    /// result with only <c>errors</c>), then <c>complete</c>.
    /// </summary>
    private static async Task EndWithErrorsAsync(Stream body, SemaphoreSlim writing, ReadOnlyMemory<byte> result, CancellationToken cancellationToken)
    {
        await WriteAsync(body, writing, "next", result, cancellationToken);
        await WriteAsync(body, writing, "complete", default, cancellationToken);
    }

    private static async Task WriteAsync(Stream body, SemaphoreSlim writing, string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            await body.WriteAsync(Encoding.UTF8.GetBytes($"event: {name}\ndata: "), cancellationToken);
            await body.WriteAsync(data, cancellationToken);
            await body.WriteAsync("\n\n"u8.ToArray(), cancellationToken);
            await body.FlushAsync(cancellationToken);
        }
        finally
        {
            writing.Release();
        }
    }

    private async Task HeartbeatAsync(Stream body, SemaphoreSlim writing, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.EventStreamHeartbeatSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await writing.WaitAsync(cancellationToken);
                try
                {
                    await body.WriteAsync(Heartbeat, cancellationToken);
                    await body.FlushAsync(cancellationToken);
                }
                finally
                {
                    writing.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
