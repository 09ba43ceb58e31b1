namespace ElectionGraph.Api.Cors;

public static class CorsServices
{
    public static IServiceCollection AddElectionGraphCors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CorsSettings>().Bind(configuration.GetSection(CorsSettings.Section))
            .Validate(o => o.PreflightMaxAgeSeconds >= 0, $"{CorsSettings.Section}:PreflightMaxAgeSeconds cannot be negative.")
            .ValidateOnStart();
        services.AddCors();
        return services.AddSingleton<Origins>();
    }

    /// <summary>
    /// Answers preflights (204, ending there) and marks every other answer readable by the pages allowed to read,
    /// whoever writes it: so before keys, rate limits and budgets, whose refusals a page must be able to read and
    /// which a preflight must never meet.
    /// </summary>
    public static IApplicationBuilder UseElectionGraphCors(this IApplicationBuilder app) =>
        app.UseCors(app.ApplicationServices.GetRequiredService<Origins>().Configure);
}
