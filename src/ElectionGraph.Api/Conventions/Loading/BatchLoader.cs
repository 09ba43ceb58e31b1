using GraphQL.DataLoader;

namespace ElectionGraph.Api.Conventions.Loading;

/// <summary>
/// Per-request batching on GraphQL.NET's <see cref="IDataLoaderResult{T}"/>: the executor finishes every
/// other node before it awaits loader results, so the keys a whole level asks for are queued first and
/// fetched together, in one store query, when the first of them is awaited.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly HashSet<TKey> _queued = [];
    private readonly Dictionary<TKey, Task<IReadOnlyDictionary<TKey, TValue>>> _batches = [];

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_batches.ContainsKey(key)) _queued.Add(key);
        }

        return new Pending(this, key);
    }

    private async Task<TValue?> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<TKey, TValue>>? batch;
        lock (_gate)
        {
            if (!_batches.TryGetValue(key, out batch))
            {
                _queued.Add(key);
                var keys = _queued.ToList();
                _queued.Clear();
                batch = fetch(keys, cancellationToken);
                foreach (var queued in keys) _batches[queued] = batch;
            }
        }

        return (await batch).TryGetValue(key, out var value) ? value : default;
    }

    private sealed class Pending(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

public static class DataLoaderResults
{
    /// <summary>A loaded value worked on once it is there, still pending until the executor awaits it (so batching holds).</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> map) => new Mapped<T, TResult>(result, map);

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> result, Func<T, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) => map(await result.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
