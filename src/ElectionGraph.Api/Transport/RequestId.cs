using System.Text.RegularExpressions;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// Every response carries <c>X-Request-Id</c>: the caller's own id when it sends a sensible one, else the
/// server's trace identifier. Everything logged while the request runs carries it as <c>RequestId</c>: this is the
/// request's one logging scope (ASP.NET Core's own, a second one for every request, is off in appsettings.json), and
/// the logger factory adds a traced request's trace and span ids (<see cref="Telemetry.TelemetryServices"/>).
/// </summary>
public static partial class RequestId
{
    public const string Header = "X-Request-Id";

    public static IApplicationBuilder UseRequestId(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestId));
        return app.Use(async (http, next) =>
        {
            if (http.Request.Headers[Header] is [var given] && Sensible().IsMatch(given!)) http.TraceIdentifier = given!;
            http.Response.Headers[Header] = http.TraceIdentifier;
            using (Scope(logger, http.TraceIdentifier))
            {
                await next(http);
            }
        });
    }

    private static readonly Func<ILogger, string, IDisposable?> Scope = LoggerMessage.DefineScope<string>("RequestId:{RequestId}");

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex Sensible();
}
