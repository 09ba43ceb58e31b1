using System.Diagnostics;

namespace ElectionGraph.Api.Telemetry;

/// <summary>
/// ASP.NET Core's own span of each request (source <c>Microsoft.AspNetCore</c>) carries no attributes. OpenTelemetry's
/// instrumentation package adds them from DiagnosticListener events, which cost a kept answer a tenth more server time
/// (bench/README.md, "Telemetry's cost"); these are the HTTP server span's attributes of the semantic conventions, set
/// here directly. Not the query string, the user agent or the client's address: they say who asked, and a trace needs
/// the request id (logged with the trace id) for that.
/// </summary>
public static class HttpSpans
{
    public const string SourceName = "Microsoft.AspNetCore";

    private static readonly HashSet<string> KnownMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

    /// <summary>First in the pipeline, so every request's span is described, whatever answers it.</summary>
    public static IApplicationBuilder UseHttpSpans(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (Activity.Current is not { IsAllDataRequested: true, Source.Name: SourceName } span)
        {
            await next(http);
            return;
        }

        var request = http.Request;
        // A method outside the known set is any string a client sent: the conventions' _OTHER keeps the name bounded.
        var method = KnownMethods.Contains(request.Method) ? request.Method : "_OTHER";
        span.SetTag("http.request.method", method);
        span.SetTag("url.scheme", request.Scheme);
        span.SetTag("url.path", request.Path.Value);
        span.SetTag("network.protocol.version", request.Protocol switch { "HTTP/1.1" => "1.1", "HTTP/2" => "2", "HTTP/3" => "3", _ => request.Protocol });
        try
        {
            await next(http);
        }
        finally
        {
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            if (route is not null) span.SetTag("http.route", route);
            span.DisplayName = route is null ? method : $"{method} {route}";
            var status = http.Response.StatusCode;
            span.SetTag("http.response.status_code", status);
            if (status >= 500)
            {
                span.SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                span.SetStatus(ActivityStatusCode.Error);
            }
        }
    });
}
