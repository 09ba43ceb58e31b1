using System.Diagnostics;
using ElectionGraph.Api.Transport;
using ElectionGraph.Storage;
using GraphQL.Telemetry;

namespace ElectionGraph.Api.Telemetry;

/// <summary>The API's traces: its own spans (deliveries), GraphQL.NET's operation spans as configured here, and the store's.</summary>
public static class Spans
{
    public const string SourceName = "ElectionGraph";

    /// <summary>Every source the API's traces are made of, for the tracer provider.</summary>
    public static readonly string[] Sources = [SourceName, GraphQLTelemetryProvider.SourceName, StoreTelemetry.Name, MongoDB.Driver.MongoTelemetry.ActivitySourceName];

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// GraphQL.NET's span of each operation (<c>graphql.operation.type</c>, <c>graphql.operation.name</c>) carries the
    /// document as its SHA-256 (<c>graphql.document.hash</c>, the id persisted queries use), not its text, unless
    /// <c>ElectionGraph:Tracing:RecordDocument</c> is set: a document's literals may be more than a partner wants kept
    /// in someone else's trace store.
    /// </summary>
    public static void ConfigureOperations(GraphQLTelemetryOptions options, IServiceProvider services)
    {
        options.RecordDocument = services.GetService<IConfiguration>()?.GetValue<bool>("ElectionGraph:Tracing:RecordDocument") ?? false;
        options.EnrichWithExecutionOptions = (activity, execution) =>
        {
            if (execution.Query is { } query) activity.SetTag("graphql.document.hash", PersistedQueries.Hash(query));
        };
    }
}
