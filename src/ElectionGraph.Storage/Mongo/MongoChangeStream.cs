using System.Runtime.CompilerServices;
using MongoDB.Driver;

namespace ElectionGraph.Storage.Mongo;

/// <summary>A MongoDB change stream as the port's <see cref="IChangeStream{T}"/>: the stored documents, in the oplog's order.</summary>
internal sealed class MongoChangeStream<T>(IChangeStreamCursor<ChangeStreamDocument<T>> cursor) : IChangeStream<T>
{
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        while (await MongoFaults.Guard(() => cursor.MoveNextAsync(cancellationToken)))
        {
            foreach (var change in cursor.Current)
            {
                if (change.FullDocument is not null) yield return change.FullDocument;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        cursor.Dispose();
        return ValueTask.CompletedTask;
    }
}
