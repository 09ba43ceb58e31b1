using ElectionGraph.Api.Transport;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Health;

/// <summary>
/// A stopping server (SIGTERM) is gone within <see cref="ShutdownOptions.ShutdownTimeoutSeconds"/> whatever is
/// running. WebSockets close themselves with 1001 (<c>WebSocketConnection</c>); every other request's
/// <c>RequestAborted</c> fires as stopping begins, so a running operation is cancelled down to the store (and
/// answered 503 <see cref="ShuttingDown"/> when nothing was sent yet) and an SSE stream ends. Either way the
/// client reconnects, to another instance.
/// </summary>
public static class GracefulShutdown
{
    public const string ShuttingDown = "SHUTTING_DOWN";

    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ShutdownOptions>(configuration.GetSection(ShutdownOptions.Section));
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.Value.ShutdownTimeoutSeconds));
        return services;
    }

    public static IApplicationBuilder UseGracefulShutdown(this IApplicationBuilder app)
    {
        var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return app.Use(async (http, next) =>
        {
            if (http.WebSockets.IsWebSocketRequest)
            {
                await next(http);
                return;
            }

            using var aborted = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
            http.RequestAborted = aborted.Token;
            try
            {
                await next(http);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !http.Response.HasStarted)
            {
                http.Response.Headers.Connection = "close";
                await ErrorResponse.WriteAsync(http.Response, StatusCodes.Status503ServiceUnavailable, ShuttingDown, "The server is shutting down: send the request again.");
            }
        });
    }
}
