using ElectionGraph.Domain;
using ElectionGraph.Storage;

namespace ElectionGraph.Tests.Support;

/// <summary>
/// A store a test takes down and brings back, as a MongoDB server goes out of reach and returns: while it is
/// down, queries, writes, watches and pings fail as the adapters report it (<see cref="StoreUnavailableException"/>),
/// and the watches that were open fail too.
/// </summary>
public sealed class OutageStore(IDocumentStore inner) : StoreDecorator(inner)
{
    private CancellationTokenSource _up = new();
    private int _pings;

    public int Pings => Volatile.Read(ref _pings);

    public void GoDown() => _up.Cancel();

    public void ComeBack() => Interlocked.Exchange(ref _up, new CancellationTokenSource()).Dispose();

    protected override IQueryable<T> Query<T>(IDocumentCollection<T> collection)
    {
        ThrowIfDown();
        return base.Query(collection);
    }

    protected override Task<T> UpsertAsync<T>(IDocumentCollection<T> collection, T document, long expectedVersion, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return base.UpsertAsync(collection, document, expectedVersion, cancellationToken);
    }

    protected override Task<IReadOnlyList<T>> UpsertManyAsync<T>(IDocumentCollection<T> collection, IReadOnlyList<(T Document, long ExpectedVersion)> writes, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return base.UpsertManyAsync(collection, writes, cancellationToken);
    }

    protected override async Task<IChangeStream<T>> WatchAsync<T>(IDocumentCollection<T> collection, CancellationToken cancellationToken)
    {
        var up = _up.Token;
        ThrowIfDown();
        return new Interrupted<T>(await base.WatchAsync(collection, cancellationToken), up);
    }

    public override Task PingAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _pings);
        ThrowIfDown();
        return base.PingAsync(cancellationToken);
    }

    private void ThrowIfDown()
    {
        if (_up.IsCancellationRequested) throw Unavailable();
    }

    private static StoreUnavailableException Unavailable() => new("The test took the store down.");

    /// <summary>A watch that fails when the store goes down.</summary>
    private sealed class Interrupted<T>(IChangeStream<T> inner, CancellationToken up) : IChangeStream<T>
    {
        public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, up);
            await using var documents = inner.GetAsyncEnumerator(reading.Token);
            while (await NextAsync(documents, cancellationToken)) yield return documents.Current;
        }

        private async Task<bool> NextAsync(IAsyncEnumerator<T> documents, CancellationToken cancellationToken)
        {
            try
            {
                return await documents.MoveNextAsync();
            }
            catch (OperationCanceledException) when (up.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Unavailable();
            }
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
