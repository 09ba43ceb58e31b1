using ElectionGraph.Api.Transport;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Storage;

namespace ElectionGraph.Api.Parties;

/// <summary>
/// Every party by code, as of the data version: parties are few and seldom change, and every seat row and candidate
/// asks for its party. Once a request has loaded them at a version, the requests after it read them at once,
/// without a loader's round; any accepted write moves the version, and they are loaded again.
/// </summary>
public sealed class PartyDirectory(DataVersion dataVersion) : IDisposable
{
    private const string Key = "parties";
    private readonly VersionedCache _kept = new(dataVersion, sizeLimit: 1);

    /// <summary>The parties at the current data version, if loaded since it moved.</summary>
    public IReadOnlyDictionary<string, Party>? Current =>
        _kept.Version is { } version && _kept.TryGet(version, Key, out IReadOnlyDictionary<string, Party>? parties) ? parties : null;

    public async Task<IReadOnlyDictionary<string, Party>> LoadAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        var version = _kept.Version; // read before the parties, which may be newer, never older
        IReadOnlyDictionary<string, Party> parties = (await store.Collection<Party>().Query().ToListAsync(cancellationToken)).ToDictionary(p => p.Id);
        if (version is { } read) _kept.Keep(read, Key, parties, size: 1);
        return parties;
    }

    public void Dispose() => _kept.Dispose();
}
