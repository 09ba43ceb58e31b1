namespace ElectionGraph.Api.Security;

public static class ApiKeyMiddleware
{
    /// <summary>Sets the caller from its API key; an unknown key is a 401 before anything else runs.</summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var caller = http.RequestServices.GetRequiredService<ApiKeys>().Authenticate(ApiKeys.FromHeaders(http.Request.Headers));
        if (caller is null)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await http.Response.WriteAsJsonAsync(new { errors = new[] { new { message = "This API key is not known.", extensions = new { code = "INVALID_API_KEY" } } } });
            return;
        }

        http.User = caller;
        await next(http);
    });
}
