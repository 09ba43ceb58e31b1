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
    /// Stores each document whose stored version is still the one given with it (0: it must not exist yet), as
    /// <see cref="UpsertAsync"/> would, and leaves the others as they are stored, without an exception: many small
    /// writes at once (the embedded store makes them one transaction; MongoDB gets them together, one guarded replace
    /// each), where each that lost a race is simply not stored. Recording the same new documents twice stores them once.
    /// </summary>
    /// <returns>The documents this call stored.</returns>
    Task<IReadOnlyList<T>> UpsertManyAsync(IReadOnlyList<(T Document, long ExpectedVersion)> writes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a watch on the collection. Once the task completes the watch is open: it yields every document
    /// written from then on, in the order the writes were accepted, until it is disposed.
    /// </summary>
    Task<IChangeStream<T>> WatchAsync(CancellationToken cancellationToken);
}

/// <summary>An open watch on a collection: read it once; dispose it to stop watching.</summary>
public interface IChangeStream<out T> : IAsyncEnumerable<T>, IAsyncDisposable;
