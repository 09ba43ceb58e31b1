using System.Collections.Concurrent;
using System.Threading.Channels;

namespace ElectionGraph.Api.Subscriptions;

public enum FrameKind { Acknowledge, Next, Error, Complete, Pong, Latest }

/// <summary>One message a connection owes its client; the payload bytes are shared by every subscriber of a subscription.</summary>
/// <param name="Delivery">The declaration it carries, told once the frame is sent (or dropped).</param>
public readonly record struct Frame(FrameKind Kind, string? Id, ReadOnlyMemory<byte> Payload, Delivery? Delivery = null);

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
    private readonly ConcurrentDictionary<string, (ReadOnlyMemory<byte> Payload, Delivery? Delivery)> _latest = new();
    private readonly ConcurrentDictionary<string, bool> _latestQueued = new();
    private readonly CancellationTokenSource _overflowed = new();

    /// <summary>Fires when the client fell too far behind; the connection then closes.</summary>
    public CancellationToken Overflowed => _overflowed.Token;

    public ChannelReader<Frame> Reader => _frames.Reader;

    public void Send(Frame frame)
    {
        if (_frames.Writer.TryWrite(frame)) return;
        frame.Delivery?.Done();
        _overflowed.Cancel();
    }

    public void SendLatest(string id, ReadOnlyMemory<byte> payload, Delivery? delivery)
    {
        // What it replaces is delivered by it: the newer value carries the older. Whoever removes an entry (this, the
        // writer taking it, or Abandon) tells its delivery, so each is told once; one subscription sends one at a time.
        if (_latest.TryRemove(id, out var older)) older.Delivery?.Done();
        _latest[id] = (payload, delivery);
        if (_latestQueued.TryAdd(id, true)) Send(new Frame(FrameKind.Latest, id, default));
    }

    /// <summary>The newest payload of a latest-wins subscription (as a frame to write), taken when its turn to be written comes.</summary>
    public bool TakeLatest(string id, out Frame latest)
    {
        _latestQueued.TryRemove(id, out _);
        var taken = _latest.TryRemove(id, out var newest);
        latest = new Frame(FrameKind.Next, id, newest.Payload, newest.Delivery);
        return taken;
    }

    public void Close() => _frames.Writer.TryComplete();

    /// <summary>Once the connection's writer has stopped: what it never sent is done with, for the deliveries waiting on it.</summary>
    public void Abandon()
    {
        while (_frames.Reader.TryRead(out var frame)) frame.Delivery?.Done();
        foreach (var id in _latest.Keys)
        {
            if (_latest.TryRemove(id, out var left)) left.Delivery?.Done();
        }
    }
}

/// <summary>A client subscription that delivers into its connection's outbox.</summary>
public sealed class OutboxSubscriber(Outbox outbox, string id, bool latestWins, Action completed) : ISubscriber
{
    public void Next(ReadOnlyMemory<byte> payload, Delivery? delivery)
    {
        if (latestWins) outbox.SendLatest(id, payload, delivery);
        else outbox.Send(new Frame(FrameKind.Next, id, payload, delivery));
    }

    public void Complete() => End(new Frame(FrameKind.Complete, id, default));

    public void Fail(ReadOnlyMemory<byte> errors) => End(new Frame(FrameKind.Error, id, errors));

    private void End(Frame last)
    {
        completed();
        outbox.Send(last);
    }
}
