using ElectionGraph.Api.Telemetry;
using ElectionGraph.Domain;
using GraphQL;
using GraphQL.Execution;

namespace ElectionGraph.Api.Subscriptions;

/// <summary>
/// One declaration on its way to the clients of a subscription: made when the event is handed to them, done when the
/// last has been sent it (or has gone without it); then the time since the declaration was stored is recorded, the
/// declaration-to-delivery latency (<see cref="Instruments.Delivered"/>).
/// </summary>
public sealed class Delivery
{
    private readonly DateTime _storedAt;
    private readonly Instruments _instruments;
    private int _owed;

    private Delivery(DateTime storedAt, int owed, Instruments instruments) => (_storedAt, _owed, _instruments) = (storedAt, owed, instruments);

    /// <summary>The delivery of an event that is a stored document (a declaration); null for others (recomputed totals).</summary>
    public static Delivery? Of(ExecutionResult result, int subscribers, Instruments instruments) =>
        subscribers > 0 && result.Data is ObjectExecutionNode { SubFields: [{ Result: IDocument declared }, ..] }
            ? new Delivery(declared.UpdatedAt, subscribers, instruments)
            : null;

    /// <summary>One client has been sent the event, or has gone without it.</summary>
    public void Done()
    {
        if (Interlocked.Decrement(ref _owed) == 0) _instruments.Delivered(DateTime.UtcNow - _storedAt);
    }
}
