using MongoDB.Driver;

namespace ElectionGraph.Storage.Mongo;

/// <summary>
/// MongoDB out of reach, as the port's <see cref="StoreUnavailableException"/>: no server selected in time, a
/// connection refused, lost or timed out, no primary, a write concern not met. Errors in what was asked (a
/// command MongoDB refuses, a duplicate key) stay as they are.
/// </summary>
internal static class MongoFaults
{
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (Unreachable(e))
        {
            throw new StoreUnavailableException($"MongoDB cannot be reached: {e.Message}", e);
        }
    }

    public static Task Guard(Func<Task> call) => Guard(async () =>
    {
        await call();
        return true;
    });

    private static bool Unreachable(Exception e) => e is TimeoutException or MongoConnectionException or MongoConnectionPoolPausedException
        or MongoNotPrimaryException or MongoNodeIsRecoveringException or MongoWaitQueueFullException or MongoWriteConcernException;
}
