using System.Diagnostics;
using ElectionGraph.Storage;

namespace ElectionGraph.Api.Telemetry;

/// <summary>
/// The API's traces: ASP.NET Core's request spans (<see cref="HttpSpans"/>), the API's own (operations,
/// <see cref="OperationSpans"/>; deliveries), and the store's, with MongoDB.Driver's beneath them.
/// </summary>
public static class Spans
{
    public const string SourceName = "ElectionGraph";

    /// <summary>Every source the API's traces are made of, for the tracer provider.</summary>
    public static readonly string[] Sources = [HttpSpans.SourceName, SourceName, StoreTelemetry.Name, MongoDB.Driver.MongoTelemetry.ActivitySourceName];

    public static readonly ActivitySource Source = new(SourceName);
}
