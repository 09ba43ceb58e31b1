using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ElectionGraph.Storage.Embedded;

/// <summary>The in-process change feed: every subscriber gets every published document, in order.</summary>
internal sealed class ChangeFeed<T>
{
    private ImmutableList<ChannelWriter<T>> _subscribers = [];

    public void Publish(T document)
    {
        foreach (var subscriber in _subscribers) subscriber.TryWrite(document);
    }

    /// <summary>Subscribes when enumeration starts; ends when <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<T> Subscribe([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Unbounded: the feed never blocks a write; consumers decide how to shed load.
        var channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(channel.Writer));
        try
        {
            await foreach (var document in channel.Reader.ReadAllAsync(cancellationToken)) yield return document;
        }
        finally
        {
            ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(channel.Writer));
        }
    }
}
