using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ElectionGraph.Api.Telemetry;

public static class TelemetryServices
{
    /// <summary>
    /// Traces of HTTP requests, GraphQL operations and MongoDB commands, exported over OTLP when the
    /// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector (as docker-compose does for Jaeger).
    /// </summary>
    public static IServiceCollection AddElectionGraphTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("electiongraph-api"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("GraphQL", "MongoDB.Driver")
                .AddOtlpExporter());
        return services;
    }
}
