using Microsoft.Extensions.Caching.Memory;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// Values that are pure functions of the data (answers, aggregates), kept for the data version they were made at:
/// any accepted write moves the version (<see cref="DataVersion"/>), so none is ever served for newer data. Bounded
/// by size; the least recently used go first. Nothing is kept while the version is unknown.
/// </summary>
public sealed class VersionedCache(DataVersion dataVersion, long sizeLimit) : IDisposable
{
    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = sizeLimit, TrackStatistics = true });
    private long _keptVersion = -1;

    private sealed record Key(long Version, object Value);

    /// <summary>Hits, misses and the size kept.</summary>
    public MemoryCacheStatistics Statistics => _kept.GetCurrentStatistics()!;

    /// <summary>The data version now (read before the value is made, and given back to <see cref="Keep"/>); null while unknown.</summary>
    public long? Version
    {
        get
        {
            if (dataVersion.Current is not { } version) return null;
            // Values of older versions can never be asked for again: free them the first time a newer one is seen.
            var kept = Interlocked.Read(ref _keptVersion);
            if (kept != version && Interlocked.CompareExchange(ref _keptVersion, version, kept) == kept) _kept.Clear();
            return version;
        }
    }

    public bool TryGet<T>(long version, object key, out T? value) => _kept.TryGetValue(new Key(version, key), out value);

    /// <summary>Keeps a value made at <paramref name="version"/>, unless a write landed while it was made (it may predate that write).</summary>
    public void Keep(long version, object key, object value, long size)
    {
        // A write landing just after this check leaves the value under the old version, which no request asks for any more.
        if (dataVersion.Current == version) _kept.Set(new Key(version, key), value, new MemoryCacheEntryOptions { Size = size });
    }

    public void Dispose() => _kept.Dispose();
}
