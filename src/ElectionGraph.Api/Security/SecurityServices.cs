namespace ElectionGraph.Api.Security;

public static class SecurityServices
{
    public static IServiceCollection AddElectionGraphSecurity(this IServiceCollection services, IConfiguration configuration) =>
        services
            .Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section))
            .AddSingleton<ApiKeys>();
}
