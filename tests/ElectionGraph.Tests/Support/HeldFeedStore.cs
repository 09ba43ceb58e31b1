using ElectionGraph.Storage;

namespace ElectionGraph.Tests.Support;

/// <summary>A store whose change feeds open only when the test says (or fail as it says).</summary>
public sealed class HeldFeedStore(IDocumentStore inner) : StoreDecorator(inner)
{
    public TaskCompletionSource Feed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task<IChangeStream<T>> WatchAsync<T>(IDocumentCollection<T> collection, CancellationToken cancellationToken)
    {
        await Feed.Task.WaitAsync(cancellationToken);
        return await collection.WatchAsync(cancellationToken);
    }
}
