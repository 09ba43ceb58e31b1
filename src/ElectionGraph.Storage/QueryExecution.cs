using System.Runtime.CompilerServices;
using ElectionGraph.Storage.Mongo;
using MongoDB.Driver.Linq;

namespace ElectionGraph.Storage;

/// <summary>
/// Runs a store query without blocking a thread on MongoDB (a server out of reach is a
/// <see cref="StoreUnavailableException"/>); the embedded store's queries are in memory, so they simply run,
/// unless their operation was stopped (cancelled, or past its time) before they start.
/// </summary>
public static class QueryExecution
{
    public static Task<List<T>> ToListAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken = default) =>
        Measured(query, "find", () => query.Provider is IMongoQueryProvider
            ? MongoFaults.Guard(() => MongoQueryable.ToListAsync(query, cancellationToken))
            : InMemory(() => query.ToList(), cancellationToken));

    public static Task<T?> FirstOrDefaultAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken = default) =>
        Measured<T, T?>(query, "find", async () => query.Provider is IMongoQueryProvider
            ? await MongoFaults.Guard(() => MongoQueryable.FirstOrDefaultAsync(query, cancellationToken))
            : await InMemory(() => query.FirstOrDefault(), cancellationToken));

    public static Task<int> CountAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken = default) =>
        Measured(query, "count", () => query.Provider is IMongoQueryProvider
            ? MongoFaults.Guard(() => MongoQueryable.CountAsync(query, cancellationToken))
            : InMemory(() => query.Count(), cancellationToken));

    private static Task<TResult> Measured<T, TResult>(IQueryable<T> query, string operation, Func<Task<TResult>> run)
    {
        var (collection, system) = StoreTelemetry.Of(query);
        return StoreTelemetry.MeasureAsync(collection, operation, system, run);
    }

    /// <summary>
    /// The query's rows one at a time, as the store yields them: a MongoDB cursor's batches, or the embedded
    /// store's snapshot, so a caller writing them out holds one batch at most, however many rows match.
    /// </summary>
    public static async IAsyncEnumerable<T> StreamAsync<T>(this IQueryable<T> query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (query.Provider is not IMongoQueryProvider)
        {
            foreach (var row in query)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return row;
            }

            yield break;
        }

        using var cursor = await MongoFaults.Guard(() => MongoQueryable.ToCursorAsync(query, cancellationToken));
        while (await MongoFaults.Guard(() => cursor.MoveNextAsync(cancellationToken)))
        {
            foreach (var row in cursor.Current) yield return row;
        }
    }

    private static Task<TResult> InMemory<TResult>(Func<TResult> run, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<TResult>(cancellationToken) : Task.FromResult(run());
}
