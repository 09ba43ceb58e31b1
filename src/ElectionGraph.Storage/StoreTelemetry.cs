using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using ElectionGraph.Domain;
using ElectionGraph.Storage.Bson;
using ElectionGraph.Storage.Mongo;
using MongoDB.Driver.Linq;

namespace ElectionGraph.Storage;

/// <summary>
/// A span and a measurement for each store operation, on either store: the collection, the operation (find, count,
/// stream, upsert), the store, and how it ended. The API exports both (traces over OTLP, metrics at /metrics);
/// with no listener they cost next to nothing.
/// </summary>
public static class StoreTelemetry
{
    public const string Name = "ElectionGraph.Storage";

    private static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram("electiongraph.store.operation.duration", "s",
        "Store operations, by collection, operation, store and outcome (ok, or the failure: StoreUnavailable, VersionConflict, Cancelled, Error).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    /// <summary>The trace of the write that stored each document instance the embedded store publishes (see <see cref="WrittenBy"/>).</summary>
    private static readonly ConditionalWeakTable<IDocument, StrongBox<ActivityContext>> Writes = new();

    public static async Task<T> MeasureAsync<T>(string collection, string operation, string system, Func<Task<T>> run)
    {
        using var span = Source.StartActivity($"{operation} {collection}", ActivityKind.Client);
        span?.SetTag("db.system.name", system).SetTag("db.collection.name", collection).SetTag("db.operation.name", operation);
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await run();
        }
        catch (Exception e)
        {
            outcome = Failure(e);
            span?.SetStatus(ActivityStatusCode.Error, outcome).SetTag("error.type", outcome);
            throw;
        }
        finally
        {
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new TagList
            {
                { "db.system.name", system }, { "db.collection.name", collection }, { "db.operation.name", operation }, { "electiongraph.outcome", outcome },
            });
        }
    }

    /// <summary>A query's collection (its root's document type) and store, as the spans and metrics name them.</summary>
    public static (string Collection, string System) Of<T>(IQueryable<T> query) =>
        (Root(query.Expression) is { } type && DocumentMaps.DocumentTypes.Contains(type) ? DocumentMaps.CollectionName(type) : "unknown",
         query.Provider is IMongoQueryProvider ? "mongodb" : "embedded");

    /// <summary>Remembers the trace a document was written in, for the change feed's consumers to link to.</summary>
    internal static void Written(IDocument document)
    {
        if (Activity.Current is { } current) Writes.AddOrUpdate(document, new StrongBox<ActivityContext>(current.Context));
    }

    /// <summary>
    /// The trace of the write that stored this document, when the store knows it: the embedded store publishes the
    /// instance it wrote, in process; MongoDB's change stream yields a new instance read from the server, which
    /// carries no trace (linking those would need the trace context stored with each document).
    /// </summary>
    public static ActivityContext? WrittenBy(IDocument document) => Writes.TryGetValue(document, out var context) ? context.Value : null;

    private static Type? Root(Expression expression) => expression switch
    {
        MethodCallExpression { Arguments: [var source, ..] } => Root(source),
        ConstantExpression { Value: IQueryable root } => root.ElementType,
        _ => expression.Type.IsGenericType ? expression.Type.GetGenericArguments()[0] : null,
    };

    /// <summary>How an operation failed, from a short, fixed list (a label's values must stay few).</summary>
    private static string Failure(Exception e) => e switch
    {
        StoreUnavailableException => "StoreUnavailable",
        VersionConflictException => "VersionConflict",
        OperationCanceledException => "Cancelled",
        _ => "Error",
    };
}
