using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ElectionGraph.Api.Health;

/// <summary><c>/health/live</c> and <c>/health/ready</c>, for orchestrators and load balancers.</summary>
public static class HealthServices
{
    private const string Ready = "ready";

    public static IServiceCollection AddElectionGraphHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HealthOptions>(configuration.GetSection(HealthOptions.Section));
        services.AddSingleton<StoreHealthCheck>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [Ready]);
        return services;
    }

    public static WebApplication MapElectionGraphHealth(this WebApplication app)
    {
        // Live: the process serves. It checks nothing, so a store outage never gets live processes restarted.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        // Ready: the store takes writes; 503 (and no traffic from a load balancer) while it does not.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }
}
