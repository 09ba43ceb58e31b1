using ElectionGraph.Storage;

namespace ElectionGraph.Tests.Support;

/// <summary>
/// A store whose change feeds open at once but tell of no write: a feed lagging behind the writes for as long as
/// a test needs (on MongoDB a change stream always lags its write a little).
/// </summary>
public sealed class LaggingFeedStore(IDocumentStore inner) : StoreDecorator(inner)
{
    protected override async Task<IChangeStream<T>> WatchAsync<T>(IDocumentCollection<T> collection, CancellationToken cancellationToken) =>
        new Silent<T>(await collection.WatchAsync(cancellationToken));

    private sealed class Silent<T>(IChangeStream<T> inner) : IChangeStream<T>
    {
        public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
