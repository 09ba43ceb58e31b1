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
        query.Provider is IMongoQueryProvider
            ? MongoFaults.Guard(() => MongoQueryable.ToListAsync(query, cancellationToken))
            : InMemory(() => query.ToList(), cancellationToken);

    public static async Task<T?> FirstOrDefaultAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken = default) =>
        query.Provider is IMongoQueryProvider
            ? await MongoFaults.Guard(() => MongoQueryable.FirstOrDefaultAsync(query, cancellationToken))
            : await InMemory(() => query.FirstOrDefault(), cancellationToken);

    public static Task<int> CountAsync<T>(this IQueryable<T> query, CancellationToken cancellationToken = default) =>
        query.Provider is IMongoQueryProvider
            ? MongoFaults.Guard(() => MongoQueryable.CountAsync(query, cancellationToken))
            : InMemory(() => query.Count(), cancellationToken);

    private static Task<TResult> InMemory<TResult>(Func<TResult> run, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<TResult>(cancellationToken) : Task.FromResult(run());
}
