using ElectionGraph.Domain;
using ElectionGraph.Storage;

namespace ElectionGraph.Tests.Support;

/// <summary>A store that forwards to another; a test overrides what it observes or holds back.</summary>
public abstract class StoreDecorator(IDocumentStore inner) : IDocumentStore
{
    public IDocumentCollection<T> Collection<T>() where T : class, IDocument => new Decorated<T>(this, inner.Collection<T>());

    protected virtual IQueryable<T> Query<T>(IDocumentCollection<T> collection) where T : class, IDocument => collection.Query();

    protected virtual Task<T> UpsertAsync<T>(IDocumentCollection<T> collection, T document, long expectedVersion, CancellationToken cancellationToken)
        where T : class, IDocument =>
        collection.UpsertAsync(document, expectedVersion, cancellationToken);

    protected virtual Task<IReadOnlyList<T>> UpsertManyAsync<T>(
        IDocumentCollection<T> collection, IReadOnlyList<(T Document, long ExpectedVersion)> writes, CancellationToken cancellationToken) where T : class, IDocument =>
        collection.UpsertManyAsync(writes, cancellationToken);

    protected virtual Task<IChangeStream<T>> WatchAsync<T>(IDocumentCollection<T> collection, CancellationToken cancellationToken) where T : class, IDocument =>
        collection.WatchAsync(cancellationToken);

    public virtual Task PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) => inner.IsEmptyAsync(cancellationToken);

    public Task<ImportSummary> ImportAsync(IReadOnlyList<IDocument> documents, IProgress<int>? written = null, CancellationToken cancellationToken = default) =>
        inner.ImportAsync(documents, written, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class Decorated<T>(StoreDecorator store, IDocumentCollection<T> collection) : IDocumentCollection<T> where T : class, IDocument
    {
        public IQueryable<T> Query() => store.Query(collection);

        public Task<T> UpsertAsync(T document, long expectedVersion, CancellationToken cancellationToken = default) =>
            store.UpsertAsync(collection, document, expectedVersion, cancellationToken);

        public Task<IReadOnlyList<T>> UpsertManyAsync(IReadOnlyList<(T Document, long ExpectedVersion)> writes, CancellationToken cancellationToken = default) =>
            store.UpsertManyAsync(collection, writes, cancellationToken);

        public Task<IChangeStream<T>> WatchAsync(CancellationToken cancellationToken) => store.WatchAsync(collection, cancellationToken);
    }
}
