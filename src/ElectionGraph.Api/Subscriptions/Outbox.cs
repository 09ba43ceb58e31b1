using System.Collections.Concurrent;
using System.Threading.Channels;

namespace ElectionGraph.Api.Subscriptions;

public enum FrameKind { Acknowledge, Next, Error, Complete, Pong, Latest }

/// <summary>One message a connection owes its client; the payload bytes are shared by every subscriber of a subscription.</summary>
public readonly record struct Frame(FrameKind Kind, string? Id, ReadOnlyMemory<byte> Payload);

/// <summary>
/// What a connection has to send, drained by its single writer. Bounded: a client that falls too far behind
/// is dropped (<see cref="Overflowed"/>) rather than held in memory. For latest-wins subscriptions only the
/// newest payload waits: newer totals replace older ones not yet sent.
/// </summary>
public sealed class Outbox(int capacity)
{
    /// <summary>What a client too far behind is told, after what it was already sent.</summary>
    public const string TooFarBehind = "Too far behind: reconnect and catch up with updatedSince";

    /// <summary>How long a client too far behind has to read that far before it is dropped.</summary>
    public static readonly TimeSpan OverflowGrace = TimeSpan.FromSeconds(30);

    private readonly Channel<Frame> _frames = Channel.CreateBounded<Frame>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly ConcurrentDictionary<string, ReadOnlyMemory<byte>> _latest = new();
    private readonly ConcurrentDictionary<string, bool> _latestQueued = new();
    private readonly CancellationTokenSource _overflowed = new();

    /// <summary>Fires when the client fell too far behind; the connection then closes.</summary>
    public CancellationToken Overflowed => _overflowed.Token;

    public ChannelReader<Frame> Reader => _frames.Reader;

    public void Send(Frame frame)
    {
        if (!_frames.Writer.TryWrite(frame)) _overflowed.Cancel();
    }

    public void SendLatest(string id, ReadOnlyMemory<byte> payload)
    {
        _latest[id] = payload;
        if (_latestQueued.TryAdd(id, true)) Send(new Frame(FrameKind.Latest, id, default));
    }

    /// <summary>The newest payload of a latest-wins subscription, taken when its turn to be written comes.</summary>
    public bool TakeLatest(string id, out ReadOnlyMemory<byte> payload)
    {
        _latestQueued.TryRemove(id, out _);
        return _latest.TryRemove(id, out payload);
    }

    public void Close() => _frames.Writer.TryComplete();
}

/// <summary>A client subscription that delivers into its connection's outbox.</summary>
public sealed class OutboxSubscriber(Outbox outbox, string id, bool latestWins, Action completed) : ISubscriber
{
    public void Next(ReadOnlyMemory<byte> payload)
    {
        if (latestWins) outbox.SendLatest(id, payload);
        else outbox.Send(new Frame(FrameKind.Next, id, payload));
    }

    public void Complete() => End(new Frame(FrameKind.Complete, id, default));

    public void Fail(ReadOnlyMemory<byte> errors) => End(new Frame(FrameKind.Error, id, errors));

    private void End(Frame last)
    {
        completed();
        outbox.Send(last);
    }
}
