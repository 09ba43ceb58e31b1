using ElectionGraph.Api.Budgets;
using GraphQL.Types;

namespace ElectionGraph.Api.Downloads;

public static class DownloadServices
{
    public static IServiceCollection AddDownloads(this IServiceCollection services) => services.AddSingleton<DownloadEndpoint>();

    /// <summary>The downloads and their README, behind the API's keys and request rates (<c>MapGraphQLTransport</c>).</summary>
    public static WebApplication MapDownloads(this WebApplication app)
    {
        var readme = new Lazy<string>(() => DownloadReadme.Text(app.Services.GetRequiredService<ISchema>()));
        app.MapGet($"{DownloadEndpoint.Path}/{{file}}", (HttpContext http, string file, DownloadEndpoint endpoint) => endpoint.HandleAsync(http, file))
            .RequireRateLimiting(RequestRates.Policy);
        app.MapGet($"{DownloadEndpoint.Path}/README.md", () => TypedResults.Text(readme.Value, "text/markdown; charset=utf-8"))
            .RequireRateLimiting(RequestRates.Policy);
        return app;
    }
}
