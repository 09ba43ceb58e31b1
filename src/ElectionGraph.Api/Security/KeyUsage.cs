using System.Collections.Concurrent;
using System.Threading.Channels;
using ElectionGraph.Api.Conventions;
using ElectionGraph.Domain.Access;
using ElectionGraph.Storage;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Security;

/// <summary>
/// Records when each key was last used: at most once per interval per key, written in the background, so a
/// request never waits for the store on its account and never fails because of it.
/// </summary>
public sealed class KeyUsage(IDocumentStore store, IOptions<SecurityOptions> options, TimeProvider clock, ILogger<KeyUsage> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, DateTime> _recorded = new();
    private readonly Lock _claiming = new();

    // Each key enters at most once per interval, so the queue is bounded by the number of keys.
    private readonly Channel<(string Id, DateTime At)> _pending = Channel.CreateUnbounded<(string, DateTime)>(new UnboundedChannelOptions { SingleReader = true });

    private TimeSpan Interval => TimeSpan.FromMinutes(options.Value.ApiKeys.LastUsedIntervalMinutes);

    public void Used(ApiKey key)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - LastRecorded(key) < Interval) return;
        lock (_claiming)
        {
            // Of the requests that arrive together, one records the use.
            if (now - LastRecorded(key) < Interval) return;
            _recorded[key.Id] = now;
        }

        _pending.Writer.TryWrite((key.Id, now));
    }

    /// <summary>The later of what the store holds (another instance may have written it) and what this one queued.</summary>
    private DateTime LastRecorded(ApiKey key)
    {
        var queued = _recorded.GetValueOrDefault(key.Id, DateTime.MinValue);
        return key.LastUsedAt > queued ? key.LastUsedAt.Value : queued;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (id, at) in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await RecordAsync(id, at, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "The last use of API key {KeyId} could not be recorded.", id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecordAsync(string id, DateTime at, CancellationToken cancellationToken)
    {
        var keys = store.Collection<ApiKey>();
        if (await keys.FindAsync(id, cancellationToken) is not { } key || key.LastUsedAt >= at) return;
        try
        {
            await keys.UpsertAsync(key with { LastUsedAt = at }, key.Version, cancellationToken);
        }
        catch (VersionConflictException)
        {
            // Changed meanwhile (revoked, say): a later use records it.
        }
    }
}
