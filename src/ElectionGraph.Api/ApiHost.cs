using ElectionGraph.Api.Budgets;
using ElectionGraph.Api.Cors;
using ElectionGraph.Api.Downloads;
using ElectionGraph.Api.Health;
using ElectionGraph.Api.Schema;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Api.Telemetry;
using ElectionGraph.Api.Transport;
using ElectionGraph.Api.Webhooks;
using ElectionGraph.Storage;

namespace ElectionGraph.Api;

/// <summary>The web API: the configured store, the schema, the GraphQL endpoint, and the health endpoints.</summary>
public static class ApiHost
{
    public static WebApplication Build(string[] args)
    {
        // The app reads its settings from beside its binaries wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddDocumentStore(builder.Configuration);
        builder.Services.AddElectionGraphSchema(builder.Configuration);
        builder.Services.AddElectionGraphSecurity(builder.Configuration);
        builder.Services.AddCallerBudgets(builder.Configuration);
        builder.Services.AddElectionGraphTelemetry(builder.Configuration);
        builder.Services.AddElectionGraphCors(builder.Configuration);
        builder.Services.AddGraphQLTransport(builder.Configuration);
        builder.Services.AddDownloads();
        builder.Services.AddElectionGraphSubscriptions(builder.Configuration);
        builder.Services.AddWebhooks(builder.Configuration);
        builder.Services.AddElectionGraphHealth(builder.Configuration);
        builder.Services.AddGracefulShutdown(builder.Configuration);

        var app = builder.Build();
        app.UseHttpSpans();
        app.UseMetricsEndpoint();
        app.MapGraphQLTransport();
        app.MapDownloads();
        // After the transport's WebSocket middleware, so it knows WebSockets, which close themselves with 1001.
        app.UseGracefulShutdown();
        app.MapElectionGraphHealth();
        return app;
    }
}
