using System.Collections.Immutable;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Domain.Access;
using ElectionGraph.Storage;

namespace ElectionGraph.Api.Security;

/// <summary>
/// Every API key by hash, in memory and kept current from the store's change feed: a presented key is checked
/// without a store query, and an issued or revoked key counts from the next request. Read before the app
/// serves (the feed may open later: the start does not wait for it). If the store cannot be read then, keys
/// cannot be checked until the feed opens; while the feed is down, the keys last read are checked.
/// </summary>
public sealed class ApiKeyIndex(IDocumentStore store, ChangeFeedLoop loop, ILogger<ApiKeyIndex> logger) : BackgroundService
{
    private ImmutableDictionary<string, ApiKey>? _byHash;

    /// <summary>False until the keys have been read from the store once.</summary>
    public bool Loaded => Volatile.Read(ref _byHash) is not null;

    /// <summary>The key with this hash, revoked or not; null for none (or before <see cref="Loaded"/>).</summary>
    public ApiKey? Find(string hash) => Volatile.Read(ref _byHash)?.GetValueOrDefault(hash);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "API keys cannot be read from the store: only anonymous callers and the configured desk key are served until they can.");
        }

        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        loop.KeepOpenAsync("API keys' change feed", WatchAsync, _ => { }, stoppingToken);

    /// <summary>Opens the watch, then reads every key again, so no write made before it opened is missed.</summary>
    private async Task WatchAsync(Action opened, CancellationToken cancellationToken)
    {
        await using var changes = await store.Collection<ApiKey>().WatchAsync(cancellationToken);
        await LoadAsync(cancellationToken);
        opened();
        await foreach (var key in changes.WithCancellation(cancellationToken)) Apply(key);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var keys = await store.Collection<ApiKey>().Query().ToListAsync(cancellationToken);
        Volatile.Write(ref _byHash, keys.ToImmutableDictionary(k => k.Hash, StringComparer.Ordinal));
    }

    /// <summary>Takes a written key in, unless the index holds a later version of it (or is not loaded: loading will read it).</summary>
    public void Apply(ApiKey key) =>
        ImmutableInterlocked.Update(ref _byHash, keys => keys is null || keys.GetValueOrDefault(key.Hash)?.Version >= key.Version ? keys : keys.SetItem(key.Hash, key));
}
