using System.IO.Compression;
using ElectionGraph.Api.Aggregates;
using ElectionGraph.Api.Parties;
using ElectionGraph.Api.Budgets;
using ElectionGraph.Api.Commands;
using ElectionGraph.Api.Cors;
using ElectionGraph.Api.Downloads;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Showcase;
using ElectionGraph.Api.Transport.GraphiQL;
using GraphQL.DI;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace ElectionGraph.Api.Transport;

public static class TransportServices
{
    private const string SocketsSection = "Kestrel:Sockets";

    public static IServiceCollection AddGraphQLTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TransportOptions>(configuration.GetSection(TransportOptions.Section));
        // Kestrel does not bind its socket transport's options; the API does. Their MaxWriteBufferSize is what an
        // HTTP/1.1 answer may leave unsent before its request waits for the client (Kestrel:Limits:MaxResponseBufferSize
        // does not reach it: bench/README.md, "Each change of the fifth session").
        services.Configure<SocketTransportOptions>(configuration.GetSection(SocketsSection));
        services.AddSingleton<PersistedQueries>();
        services.AddSingleton<DataVersion>();
        services.AddHostedService(sp => sp.GetRequiredService<DataVersion>());
        services.AddSingleton<HttpCaching>();
        services.AddOptions<ResponseCacheOptions>().Bind(configuration.GetSection(ResponseCacheOptions.Section))
            .Validate(o => o.MaxBytes > 0, $"{ResponseCacheOptions.Section}:MaxBytes must be positive (switch the cache off with Enabled=false).")
            .ValidateOnStart();
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<IConfigureExecution>(sp => sp.GetRequiredService<ResponseCache>());
        services.AddSingleton<AggregateMemo>();
        services.AddSingleton<PartyDirectory>();
        services.AddSingleton<GraphQLEndpoint>();
        services.AddSingleton<GraphiQLPage>();
        services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat([MediaTypes.GraphQLResponse, "text/markdown", .. DownloadFormat.All.Select(f => f.MediaType)]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static WebApplication MapGraphQLTransport(this WebApplication app, string path = "/graphql")
    {
        app.UseRequestId();
        app.UseForwardedHeaders(); // the client's address, from the configured proxies only (SecurityServices)
        app.UseElectionGraphCors();
        app.UseWebSockets();
        app.UseResponseCompression();
        app.UseGraphiQLAssets();
        app.UseShowcase();
        // Keys are the API's (GraphQL and downloads): other endpoints (health, say) serve whoever asks.
        app.UseWhen(http => http.Request.Path.StartsWithSegments(path) || http.Request.Path.StartsWithSegments(DownloadEndpoint.Path), api => api.UseApiKeys());
        app.UseRateLimiter(); // after the keys: requests are counted per caller
        app.UseWhen(http => http.Request.Path.StartsWithSegments(path), api => CostBudgets.UseSpentBudgets(api));
        app.MapMethods(path, [HttpMethods.Get, HttpMethods.Post], (HttpContext http, GraphQLEndpoint endpoint) => endpoint.HandleAsync(http))
            .RequireRateLimiting(RequestRates.Policy);
        var sdl = SchemaCommand.Sdl();
        // Made now too, so a build without the examples fails at start rather than at a request.
        app.Services.GetRequiredService<GraphiQLPage>();
        app.MapGet($"{path}/schema.graphql", () => TypedResults.Text(sdl, "text/plain; charset=utf-8"));
        return app;
    }
}
