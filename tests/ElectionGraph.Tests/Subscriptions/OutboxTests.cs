using ElectionGraph.Api.Subscriptions;

namespace ElectionGraph.Tests.Subscriptions;

public class OutboxTests
{
    private static ReadOnlyMemory<byte> Payload(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Newer_totals_replace_older_ones_not_yet_sent()
    {
        var outbox = new Outbox(capacity: 8);

        outbox.SendLatest("totals", Payload("1"), null);
        outbox.SendLatest("totals", Payload("2"), null);
        outbox.SendLatest("totals", Payload("3"), null);

        Assert.True(outbox.Reader.TryRead(out var frame));
        Assert.Equal((FrameKind.Latest, "totals"), (frame.Kind, frame.Id));
        Assert.False(outbox.Reader.TryRead(out _));
        Assert.True(outbox.TakeLatest("totals", out var newest));
        Assert.Equal((FrameKind.Next, "3"), (newest.Kind, System.Text.Encoding.UTF8.GetString(newest.Payload.Span)));
        Assert.False(outbox.Overflowed.IsCancellationRequested);
    }

    [Fact]
    public void A_client_that_falls_too_far_behind_overflows_the_outbox()
    {
        var outbox = new Outbox(capacity: 2);

        outbox.Send(new Frame(FrameKind.Next, "s", Payload("1")));
        outbox.Send(new Frame(FrameKind.Next, "s", Payload("2")));
        Assert.False(outbox.Overflowed.IsCancellationRequested);
        outbox.Send(new Frame(FrameKind.Next, "s", Payload("3")));

        Assert.True(outbox.Overflowed.IsCancellationRequested);
    }
}
