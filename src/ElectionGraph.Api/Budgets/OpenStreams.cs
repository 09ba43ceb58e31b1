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

    private readonly Slots _sockets = new(caller => options.Value.Of(caller).WebSocketConnections);
    private readonly Slots _streams = new(caller => options.Value.Of(caller).EventStreams);

    /// <returns>The slot, held until the connection closes; null when the caller holds all of its own.</returns>
    public IDisposable? TryOpenSocket(Caller caller) => _sockets.TryTake(caller);

    /// <summary>
    /// Takes one of the caller's streams for a long response (an SSE stream, a download), or answers
    /// <c>429 TOO_MANY_STREAMS</c>.
    /// </summary>
    /// <returns>The slot, held until the response ends; null when refused (the refusal is written).</returns>
    public async Task<IDisposable?> OpenStreamAsync(HttpContext http)
    {
        var caller = Caller.Of(http.User);
        if (_streams.TryTake(caller) is { } slot) return slot;
        await ErrorResponse.WriteAsync(http.Response, StatusCodes.Status429TooManyRequests, TooManyStreams,
            $"Too many event streams and downloads: at most {options.Value.Of(caller).EventStreams} open at once for this caller. Close one first.");
        return null;
    }

    public int SocketsAllowed(Caller caller) => options.Value.Of(caller).WebSocketConnections;

    public void Dispose()
    {
        _sockets.Dispose();
        _streams.Dispose();
    }

    /// <summary>One kind of slot, each caller holding at most its allowance.</summary>
    private sealed class Slots(Func<Caller, int> allowed) : IDisposable
    {
        private readonly PartitionedRateLimiter<Caller> _held = PartitionedRateLimiter.Create<Caller, string>(caller =>
            RateLimitPartition.GetConcurrencyLimiter(caller.Partition, _ => new ConcurrencyLimiterOptions { PermitLimit = allowed(caller), QueueLimit = 0 }));

        public IDisposable? TryTake(Caller caller)
        {
            // An allowance of none is a configuration the limiter refuses to build: no slot, without asking it.
            if (allowed(caller) <= 0) return null;
            var lease = _held.AttemptAcquire(caller);
            if (lease.IsAcquired) return lease;
            lease.Dispose();
            return null;
        }

        public void Dispose() => _held.Dispose();
    }
}
