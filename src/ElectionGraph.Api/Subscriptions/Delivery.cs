using System.Diagnostics;
using ElectionGraph.Api.Telemetry;
using ElectionGraph.Domain;
using ElectionGraph.Storage;
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
    private readonly IDocument _declared;
    private readonly Instruments _instruments;
    private int _owed;

    private Delivery(IDocument declared, int owed, Instruments instruments) => (_declared, _owed, _instruments) = (declared, owed, instruments);

    /// <summary>The delivery of an event that is a stored document (a declaration); null for others (recomputed totals).</summary>
    public static Delivery? Of(ExecutionResult result, int subscribers, Instruments instruments) =>
        subscribers > 0 && result.Data is ObjectExecutionNode { SubFields: [{ Result: IDocument declared }, ..] }
            ? new Delivery(declared, subscribers, instruments)
            : null;

    /// <summary>
    /// The span of handing the declaration to one subscription's clients: in a trace of its own, linked to the trace of
    /// the mutation that stored it (when the store knows it: <see cref="StoreTelemetry.WrittenBy"/>), so one declaration
    /// can be followed from the desk to every subscription it reached.
    /// </summary>
    public Activity? Trace(string field)
    {
        var links = StoreTelemetry.WrittenBy(_declared) is { } written ? new[] { new ActivityLink(written) } : null;
        var span = Spans.Source.StartActivity($"deliver {field}", ActivityKind.Producer, parentContext: default, links: links);
        return span?.SetTag("graphql.field.name", field).SetTag("electiongraph.document.id", _declared.Id)
            .SetTag("electiongraph.document.version", _declared.Version).SetTag("electiongraph.subscribers", Volatile.Read(ref _owed));
    }

    /// <summary>One client has been sent the event, or has gone without it.</summary>
    public void Done()
    {
        if (Interlocked.Decrement(ref _owed) == 0) _instruments.Delivered(DateTime.UtcNow - _declared.UpdatedAt);
    }
}
