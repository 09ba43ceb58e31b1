using ElectionGraph.Domain;

namespace ElectionGraph.Storage;

public interface IDocumentCollection<T> where T : class, IDocument
{
    /// <summary>
    /// Reads: in memory on the embedded store, translated to MQL and run inside MongoDB on Mongo. An embedded
    /// query reads the data as it was when <see cref="Query"/> was called: make a new query to see later writes.
    /// </summary>
    IQueryable<T> Query();

    /// <summary>
    /// Stores <paramref name="document"/> as the version after <paramref name="expectedVersion"/> (0: the
    /// document must not exist yet), stamping <c>version</c> and <c>updatedAt</c>, and returns what was stored.
    /// </summary>
    /// <exception cref="VersionConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    Task<T> UpsertAsync(T document, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores each of <paramref name="documents"/> that does not exist yet as its first version, all in one write where
    /// the store can (one transaction on the embedded store, one unordered insert on MongoDB), and leaves those that
    /// exist as they are: recording the same set twice stores it once.
    /// </summary>
    /// <returns>The documents this call stored.</returns>
    Task<IReadOnlyList<T>> InsertNewAsync(IReadOnlyList<T> documents, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a watch on the collection. Once the task completes the watch is open: it yields every document
    /// written from then on, in the order the writes were accepted, until it is disposed.
    /// </summary>
    Task<IChangeStream<T>> WatchAsync(CancellationToken cancellationToken);
}

/// <summary>An open watch on a collection: read it once; dispose it to stop watching.</summary>
public interface IChangeStream<out T> : IAsyncEnumerable<T>, IAsyncDisposable;
