using System.Text.RegularExpressions;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// Every response carries <c>X-Request-Id</c>: the caller's own id when it sends a sensible one, else the
/// server's. It is the ASP.NET Core trace identifier, so the same id is in the logs' RequestId scope.
/// </summary>
public static partial class RequestId
{
    public const string Header = "X-Request-Id";

    public static IApplicationBuilder UseRequestId(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Headers[Header] is [var given] && Sensible().IsMatch(given!)) http.TraceIdentifier = given!;
        http.Response.Headers[Header] = http.TraceIdentifier;
        await next(http);
    });

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex Sensible();
}
