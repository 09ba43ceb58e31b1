using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ElectionGraph.Api.Telemetry;

/// <summary>
/// The API's own metrics (meter <see cref="MeterName"/>), scraped at /metrics beside ASP.NET Core's and the runtime's.
/// Every label takes a bounded set of values: operation names only of registered operations (else <see cref="Other"/>),
/// error codes, the schema's field names, transports and reasons named here — never a key, an address or a variable.
/// </summary>
public sealed class Instruments
{
    public const string MeterName = "ElectionGraph";

    /// <summary>The operation name of every operation that is not registered (persisted) on the server.</summary>
    public const string Other = "other";

    /// <summary>The outcome of what succeeded; otherwise the first error's code.</summary>
    public const string Ok = "ok";

    /// <summary>The partner of every caller without a key.</summary>
    public const string Anonymous = "anonymous";

    private static readonly double[] Seconds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Histogram<double> _operations;
    private readonly Histogram<long> _cost;
    private readonly Counter<long> _cachedAnswers;
    private readonly Counter<long> _persistedLookups;
    private readonly UpDownCounter<long> _connections;
    private readonly UpDownCounter<long> _subscriptions;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _slowClosed;
    private readonly Counter<long> _declarations;
    private readonly Histogram<double> _delivery;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _webhookAttempts;
    private readonly Histogram<double> _webhookDelivery;

    public Instruments(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _operations = meter.CreateHistogram("electiongraph.operation.duration", "s",
            "GraphQL operations on every transport: type, name (registered operations; others: other), outcome (ok, or the first error's code) and partner (the key's name, or anonymous).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });
        _cost = meter.CreateHistogram<long>("electiongraph.operation.cost", "{point}", "What each operation that ran was charged, in cost points.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 10, 100, 1_000, 5_000, 10_000, 50_000, 100_000] });
        _cachedAnswers = meter.CreateCounter<long>("electiongraph.response_cache.answers", "{answer}", "Query answers, from the response cache (hit) or executed (miss).");
        _persistedLookups = meter.CreateCounter<long>("electiongraph.persisted_queries.lookups", "{lookup}", "Persisted operations asked for by id or hash: hit or miss.");
        _connections = meter.CreateUpDownCounter<long>("electiongraph.connections.open", "{connection}", "Open subscription connections, by transport (websocket, sse).");
        _subscriptions = meter.CreateUpDownCounter<long>("electiongraph.subscriptions.active", "{subscription}", "Clients' live subscriptions, by subscription field.");
        _messages = meter.CreateCounter<long>("electiongraph.subscription.messages", "{message}", "Subscription events handed to clients, by subscription field.");
        _slowClosed = meter.CreateCounter<long>("electiongraph.subscribers.closed_slow", "{connection}", "Connections closed for falling too far behind, by transport.");
        _declarations = meter.CreateCounter<long>("electiongraph.declarations", "{declaration}", "The desk's mutations, by field (declare, correct) and outcome (ok, or the error's code).");
        _delivery = meter.CreateHistogram("electiongraph.declaration.delivery.duration", "s",
            "From a declaration's stored write to its last subscriber's send, per subscription it reached.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });
        _refused = meter.CreateCounter<long>("electiongraph.requests.refused", "{request}", "Requests refused before any operation ran, by reason (the error's code).");
        _webhookAttempts = meter.CreateCounter<long>("electiongraph.webhook.attempts", "{attempt}",
            "Webhook deliveries attempted, by outcome: delivered, retry (to be tried again), failed (the last attempt failed).");
        _webhookDelivery = meter.CreateHistogram("electiongraph.webhook.delivery.duration", "s",
            "From a declaration's stored write to a webhook's receiver taking it (2xx), per delivery, retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [.. Seconds, 30, 60, 300, 900, 3600, 14400] });
    }

    public void Operation(string type, string name, string outcome, string partner, TimeSpan duration) =>
        _operations.Record(duration.TotalSeconds, new TagList
        {
            { "graphql.operation.type", type }, { "graphql.operation.name", name }, { "electiongraph.outcome", outcome }, { "electiongraph.partner", partner },
        });

    public void Cost(long points) => _cost.Record(points);

    public void CachedAnswer(bool hit) => _cachedAnswers.Add(1, new KeyValuePair<string, object?>("electiongraph.cache", hit ? "hit" : "miss"));

    public void PersistedLookup(bool hit) => _persistedLookups.Add(1, new KeyValuePair<string, object?>("electiongraph.persisted", hit ? "hit" : "miss"));

    public void Connection(string transport, int change) => _connections.Add(change, new KeyValuePair<string, object?>("electiongraph.transport", transport));

    public void Subscriptions(string field, int change) => _subscriptions.Add(change, new KeyValuePair<string, object?>("graphql.field.name", field));

    public void Messages(string field, int count) => _messages.Add(count, new KeyValuePair<string, object?>("graphql.field.name", field));

    public void ClosedSlow(string transport) => _slowClosed.Add(1, new KeyValuePair<string, object?>("electiongraph.transport", transport));

    public void Declaration(string field, string outcome) =>
        _declarations.Add(1, new KeyValuePair<string, object?>("graphql.field.name", field), new KeyValuePair<string, object?>("electiongraph.outcome", outcome));

    public void Delivered(TimeSpan sinceStored) => _delivery.Record(Math.Max(0, sinceStored.TotalSeconds));

    /// <param name="outcome"><c>delivered</c>, <c>retry</c> or <c>failed</c>.</param>
    public void WebhookAttempt(string outcome) => _webhookAttempts.Add(1, new KeyValuePair<string, object?>("electiongraph.outcome", outcome));

    public void WebhookDelivered(TimeSpan sinceStored) => _webhookDelivery.Record(Math.Max(0, sinceStored.TotalSeconds));

    public void Refused(string code) => _refused.Add(1, new KeyValuePair<string, object?>("electiongraph.reason", code));
}
