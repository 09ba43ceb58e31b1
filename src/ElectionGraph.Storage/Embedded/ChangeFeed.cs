using System.Collections.Immutable;
using System.Threading.Channels;

namespace ElectionGraph.Storage.Embedded;

/// <summary>The in-process change feed: every open stream gets every document published after it opened, in order.</summary>
internal sealed class ChangeFeed<T>
{
    private ImmutableList<ChannelWriter<T>> _streams = [];

    /// <summary>Called under the store's write gate, so streams see writes in the order they were accepted.</summary>
    public void Publish(T document)
    {
        foreach (var stream in _streams) stream.TryWrite(document);
    }

    /// <summary>Opens a stream that is live as soon as this returns.</summary>
    public IChangeStream<T> Open()
    {
        // Unbounded: the feed never blocks a write; consumers decide how to shed load.
        var channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
        ImmutableInterlocked.Update(ref _streams, list => list.Add(channel.Writer));
        return new Stream(this, channel);
    }

    private sealed class Stream(ChangeFeed<T> feed, Channel<T> channel) : IChangeStream<T>
    {
        public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            channel.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

        public ValueTask DisposeAsync()
        {
            ImmutableInterlocked.Update(ref feed._streams, list => list.Remove(channel.Writer));
            channel.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
