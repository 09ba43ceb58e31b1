using ElectionGraph.Storage;
using GraphQL.DI;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ElectionGraph.Api.Telemetry;

public static class TelemetryServices
{
    /// <summary>
    /// Metrics — the API's own (<see cref="Instruments"/>), ASP.NET Core's and the runtime's — for Prometheus at
    /// /metrics (<see cref="MetricsOptions"/>); and traces (<see cref="Spans"/>: HTTP requests, GraphQL operations, store
    /// operations, MongoDB commands, deliveries), exported over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// names a collector (as docker-compose does for Jaeger).
    /// </summary>
    public static IServiceCollection AddElectionGraphTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section))
            .Validate(o => o.Valid, $"{MetricsOptions.Section}: Path must start with '/', and each of AllowedNetworks be an address range (CIDR).")
            .ValidateOnStart();
        // A log line written within a span (a traced request) carries its trace and span ids among its scopes.
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        services.AddMetrics().AddSingleton<Instruments>().AddSingleton<OperationSpans>().AddSingleton<IConfigureExecution, OperationTelemetry>();
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "electiongraph-api"));
        if (configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()?.Enabled ?? true)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(Instruments.MeterName, StoreTelemetry.Name)
                // ASP.NET Core's request durations and Kestrel's connections; not its routing, rate-limiting or
                // diagnostics meters, nor the requests in flight (two more measurements a request), which measure
                // every request again for what the API's own metrics already say.
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddView("http.server.active_requests", MetricStreamConfiguration.Drop)
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        }

        if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(Spans.Sources)
                .AddOtlpExporter());
        }

        return services;
    }

    /// <summary>The scrape endpoint, before everything else: a scrape is no caller's request and spends no budget.</summary>
    public static void UseMetricsEndpoint(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled) return;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            http => http.Request.Path == options.Path && options.Allows(http.Connection.RemoteIpAddress));
    }
}
