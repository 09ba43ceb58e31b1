using System.Reflection;
using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Domain;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Bson;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// The time of the latest write of public data the store holds, kept current from its change feeds. It is
/// derived from the data, so API instances on the same MongoDB agree on it, and every accepted write of data
/// moves it: GET answers are tagged with it, and a declaration changes their ETags (an API key's use does
/// not). Null while unknown: until every collection's feed is open and scanned, and again while any of them
/// is down (caching is then off, until they reopen).
/// </summary>
public sealed class DataVersion(IDocumentStore store, ChangeFeedLoop loop) : BackgroundService
{
    private static readonly MethodInfo WatchMethod =
        typeof(DataVersion).GetMethod(nameof(WatchAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _ticks = -1;

    public long? Current => Interlocked.Read(ref _ticks) is var ticks and >= 0 ? ticks : null;

    /// <summary>Completes once every collection's latest write is known (the first time).</summary>
    public Task Ready => _ready.Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Without a change feed (the store down, or a MongoDB that is not a replica set) answers cannot be tagged safely.
        loop.KeepOpenAsync("change feeds behind HTTP caching", WatchAllAsync, _ => Interlocked.Exchange(ref _ticks, -1), stoppingToken);

    /// <summary>
    /// Watches every collection. Caching goes on only once all are open and scanned, so the version never misses a
    /// collection's writes; when one watch fails or ends, the others stop with it.
    /// </summary>
    private async Task WatchAllAsync(Action opened, CancellationToken stoppingToken)
    {
        var latest = new DateTime[DocumentMaps.PublicDataTypes.Count];
        var unscanned = latest.Length;
        var allScanned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var watches = DocumentMaps.PublicDataTypes.Select((type, i) => (Task)WatchMethod.MakeGenericMethod(type)
            .Invoke(this, [(Action<DateTime>)(at => Scanned(i, at)), allScanned.Task, watching.Token])!).ToList();
        var ended = await Task.WhenAny(watches);
        await watching.CancelAsync();
        await Task.WhenAll(watches).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await ended;

        void Scanned(int collection, DateTime at)
        {
            latest[collection] = at;
            if (Interlocked.Decrement(ref unscanned) > 0) return;
            Interlocked.Exchange(ref _ticks, latest.Max().Ticks);
            _ready.TrySetResult();
            opened();
            allScanned.SetResult();
        }
    }

    /// <summary>
    /// Opens the watch, then reads the latest stored time, so a write during the read is not lost; relays the
    /// writes that follow once every collection is scanned.
    /// </summary>
    private async Task WatchAsync<T>(Action<DateTime> scanned, Task allScanned, CancellationToken cancellationToken) where T : class, IDocument
    {
        await using var changes = await store.Collection<T>().WatchAsync(cancellationToken);
        var updatedAt = DocumentFields.Of<T, DateTime>(nameof(IDocument.UpdatedAt));
        var latest = await store.Collection<T>().Query().OrderByDescending(updatedAt).Select(updatedAt).FirstOrDefaultAsync(cancellationToken);
        scanned(latest);
        await allScanned.WaitAsync(cancellationToken);
        await foreach (var document in changes.WithCancellation(cancellationToken)) latest = Observe(document.UpdatedAt, latest);
    }

    /// <summary>A write of public data this instance stored: the version is at least its time from now on.</summary>
    public void Advance(DateTime updatedAt) => Move(current => Math.Max(current, updatedAt.Ticks));

    /// <summary>
    /// A write a collection's feed tells of, after the <paramref name="latest"/> one before it on the same feed. A feed
    /// tells of its writes in the order they were stored, so one stamped no later than the one before came from a clock
    /// behind that one's (on MongoDB, another instance's): it still moves the version, by a tick, rather than leave
    /// answers and ETags as they were. Every instance reads the same feeds, so they agree on the version; a write this
    /// instance has already advanced to moves it no further.
    /// </summary>
    /// <returns>The latest stamp this feed has told of.</returns>
    private DateTime Observe(DateTime updatedAt, DateTime latest)
    {
        if (updatedAt > latest)
        {
            Advance(updatedAt);
            return updatedAt;
        }

        Move(current => current + 1);
        return latest;
    }

    private void Move(Func<long, long> next)
    {
        long current, moved;
        do
        {
            current = Interlocked.Read(ref _ticks);
            // Unknown (-1) stays unknown: only the feeds, once all are open and scanned, make it known.
            if (current < 0 || (moved = next(current)) == current) return;
        }
        while (Interlocked.CompareExchange(ref _ticks, moved, current) != current);
    }
}
