using System.Collections.Immutable;
using ElectionGraph.Domain.Access;
using ElectionGraph.Storage;

namespace ElectionGraph.Api.Security;

/// <summary>
/// Every API key by hash, in memory and kept current from the store's change feed: a presented key is checked
/// without a store query, and an issued or revoked key counts from the next request. Read before the app
/// serves (the feed may open later: the start does not wait for it); if the store cannot be read then, it is
/// retried until it can, and keys cannot be checked meanwhile.
/// </summary>
public sealed class ApiKeyIndex(IDocumentStore store, ILogger<ApiKeyIndex> logger) : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Open the watch, then read every key again, so no write made before it opened is missed.
                await using var changes = await store.Collection<ApiKey>().WatchAsync(stoppingToken);
                await LoadAsync(stoppingToken);
                await foreach (var key in changes.WithCancellation(stoppingToken)) Apply(key);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The API keys' change feed failed: reopening in {Delay}.", RetryDelay);
            }

            await Task.Delay(RetryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
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
