using System.Threading.RateLimiting;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Transport;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Budgets;

/// <summary>
/// How many WebSocket connections and SSE streams each caller holds open at once: a slot is taken as one
/// opens and given back as it closes (concurrency limiters, partitioned by caller).
/// </summary>
public sealed class OpenStreams(IOptions<BudgetOptions> options) : IDisposable
{
    public const string TooManyStreams = "TOO_MANY_STREAMS";

    private readonly PartitionedRateLimiter<Caller> _sockets = Slots(caller => options.Value.Of(caller).WebSocketConnections);
    private readonly PartitionedRateLimiter<Caller> _streams = Slots(caller => options.Value.Of(caller).EventStreams);

    /// <returns>The slot, held until the connection closes; null when the caller holds all of its own.</returns>
    public IDisposable? TryOpenSocket(Caller caller) => TryTake(_sockets, caller);

    /// <summary>
    /// Takes one of the caller's streams for a long response (an SSE stream, a download), or answers
    /// <c>429 TOO_MANY_STREAMS</c>.
    /// </summary>
    /// <returns>The slot, held until the response ends; null when refused (the refusal is written).</returns>
    public async Task<IDisposable?> OpenStreamAsync(HttpContext http)
    {
        var caller = Caller.Of(http.User);
        if (TryTake(_streams, caller) is { } slot) return slot;
        await ErrorResponse.WriteAsync(http.Response, StatusCodes.Status429TooManyRequests, TooManyStreams,
            $"Too many event streams and downloads: at most {options.Value.Of(caller).EventStreams} open at once for this caller. Close one first.");
        return null;
    }

    public int SocketsAllowed(Caller caller) => options.Value.Of(caller).WebSocketConnections;

    private static IDisposable? TryTake(PartitionedRateLimiter<Caller> slots, Caller caller)
    {
        var lease = slots.AttemptAcquire(caller);
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        return null;
    }

    private static PartitionedRateLimiter<Caller> Slots(Func<Caller, int> allowed) =>
        PartitionedRateLimiter.Create<Caller, string>(caller => RateLimitPartition.GetConcurrencyLimiter(caller.Partition,
            _ => new ConcurrencyLimiterOptions { PermitLimit = Math.Max(0, allowed(caller)), QueueLimit = 0 }));

    public void Dispose()
    {
        _sockets.Dispose();
        _streams.Dispose();
    }
}
