using ElectionGraph.Api.Conventions;
using ElectionGraph.Domain;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Bson;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// The time of the latest write of public data the store holds, kept current from its change feeds. It is
/// derived from the data, so API instances on the same MongoDB agree on it, and every accepted write of data
/// moves it: GET answers are tagged with it, and a declaration changes their ETags (an API key's use does
/// not). Null while unknown (caching is then off).
/// </summary>
public sealed class DataVersion(IDocumentStore store, ILogger<DataVersion> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _ticks = -1;
    private int _unscanned = DocumentMaps.PublicDataTypes.Count;

    public long? Current => Interlocked.Read(ref _ticks) is var ticks and >= 0 ? ticks : null;

    /// <summary>Completes once every collection's latest write is known.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var watchers = DocumentMaps.PublicDataTypes.Select(type => (Task)GetType()
                .GetMethod(nameof(WatchAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(type).Invoke(this, [stoppingToken])!).ToList();
            await Task.WhenAll(watchers);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Without a change feed (a MongoDB that is not a replica set) answers cannot be tagged safely.
            Interlocked.Exchange(ref _ticks, -1);
            logger.LogError(e, "The store's change feed failed: HTTP caching of GET answers is off.");
        }
    }

    private async Task WatchAsync<T>(CancellationToken stoppingToken) where T : class, IDocument
    {
        // Open the watch, then read the latest stored time, so a write during the read is not lost.
        await using var changes = await store.Collection<T>().WatchAsync(stoppingToken);
        var updatedAt = DocumentFields.Of<T, DateTime>(nameof(IDocument.UpdatedAt));
        var latest = await store.Collection<T>().Query().OrderByDescending(updatedAt).Select(updatedAt).FirstOrDefaultAsync(stoppingToken);
        Advance(latest);
        if (Interlocked.Decrement(ref _unscanned) == 0) _ready.TrySetResult();
        await foreach (var document in changes.WithCancellation(stoppingToken)) Advance(document.UpdatedAt);
    }

    private void Advance(DateTime updatedAt)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _ticks);
            if (updatedAt.Ticks <= current) return;
        }
        while (Interlocked.CompareExchange(ref _ticks, updatedAt.Ticks, current) != current);
    }
}
