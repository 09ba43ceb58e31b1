using System.Globalization;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Api.Transport;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Security;

public static class ApiKeyMiddleware
{
    /// <summary>
    /// Sets the caller from its API key; a key that is not accepted (or none, where anonymous access is off) is
    /// refused before anything else runs. A WebSocket may present its key in connection_init instead, so an
    /// upgrade without one is left for the connection to decide.
    /// </summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var presented = ApiKeys.FromHeaders(http.Request.Headers);
        var client = http.Connection.RemoteIpAddress;
        var authentication = presented is null && http.WebSockets.IsWebSocketRequest
            ? new Authentication(Caller.Anonymous(client), null)
            : http.RequestServices.GetRequiredService<ApiKeys>().Authenticate(presented, client);
        if (authentication.Refusal is { } refusal)
        {
            if (refusal.Status == StatusCodes.Status401Unauthorized) http.Response.Headers.WWWAuthenticate = "Bearer";
            else http.Response.Headers.RetryAfter = Math.Ceiling(http.RequestServices.GetRequiredService<IOptions<ChangeFeedOptions>>().Value.RetryMaxSeconds).ToString(CultureInfo.InvariantCulture);
            await ErrorResponse.WriteAsync(http.Response, refusal.Status, refusal.Code, refusal.Message);
            return;
        }

        http.User = authentication.User!;
        await next(http);
    });
}
