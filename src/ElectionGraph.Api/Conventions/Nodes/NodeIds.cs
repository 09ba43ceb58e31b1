using GraphQL;
using GraphQL.DataLoader;

namespace ElectionGraph.Api.Conventions.Nodes;

/// <summary>
/// Finds documents by global id on the request's batch loaders, so any mix of ids costs at most one store
/// query per Node type. An id that names nothing, or cannot name anything, is null rather than an error.
/// </summary>
public sealed class NodeIds
{
    private readonly Dictionary<string, NodeKind> _prefixed;
    private readonly NodeKind[] _asStored;

    public NodeIds(IEnumerable<NodeKind> kinds)
    {
        var all = kinds.ToList();
        _prefixed = all.Where(k => k.Prefix is not null).ToDictionary(k => k.Prefix!, StringComparer.Ordinal);
        _asStored = all.Where(k => k.Prefix is null).ToArray();
    }

    /// <summary>The document with this id, or null.</summary>
    public IDataLoaderResult<object?> Load(IResolveFieldContext context, string id)
    {
        var candidates = Queue(context, id);
        return new Pending<object?>(cancellationToken => FirstFoundAsync(candidates, cancellationToken));
    }

    /// <summary>The documents with these ids, in their order, null where an id names nothing.</summary>
    public IDataLoaderResult<object?[]> LoadAll(IResolveFieldContext context, IEnumerable<string> ids)
    {
        var candidates = ids.Select(id => Queue(context, id)).ToList();
        return new Pending<object?[]>(cancellationToken => Task.WhenAll(candidates.Select(c => FirstFoundAsync(c, cancellationToken))));
    }

    /// <summary>
    /// Queues the id on the loader of each type it may belong to: the type its prefix names, or else every
    /// type whose stored id is its global id (their ids are unique across them by form, so at most one has it).
    /// </summary>
    private List<IDataLoaderResult> Queue(IResolveFieldContext context, string id)
    {
        var colon = id.IndexOf(':');
        if (colon > 0 && _prefixed.TryGetValue(id[..colon], out var kind))
            return colon + 1 < id.Length ? [kind.Load(context, id[(colon + 1)..])] : [];
        return id.Length == 0 ? [] : _asStored.Select(k => k.Load(context, id)).ToList();
    }

    private static async Task<object?> FirstFoundAsync(List<IDataLoaderResult> candidates, CancellationToken cancellationToken) =>
        (await Task.WhenAll(candidates.Select(c => c.GetResultAsync(cancellationToken)))).FirstOrDefault(document => document is not null);

    /// <summary>Runs only when the executor asks for it, after every field of the level has queued its ids.</summary>
    private sealed class Pending<T>(Func<CancellationToken, Task<T>> get) : IDataLoaderResult<T>
    {
        public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => get(cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await get(cancellationToken);
    }
}
