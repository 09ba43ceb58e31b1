using GraphQL;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Cors;

/// <summary>
/// Which browser pages may do what, by the origin a browser names in <c>Origin</c>. Reads are ASP.NET Core's CORS
/// policy (<see cref="Configure"/>); what CORS cannot decide is checked here: WebSocket upgrades (browsers apply no
/// CORS to them) and mutations (known only once the document is parsed). A request without <c>Origin</c> is no
/// cross-origin page (curl, a partner's server, the replay command), and a page the API serves itself (GraphiQL)
/// is at home: both may do whatever their key allows.
/// </summary>
public sealed class Origins
{
    public const string NotAllowed = "ORIGIN_NOT_ALLOWED";

    /// <summary>
    /// What browser clients send: keys and request ids, JSON bodies, graphql-sse's and EventSource polyfills'
    /// headers, a poller's own If-None-Match, Apollo Client's name and version.
    /// </summary>
    private static readonly string[] RequestHeaders =
    [
        "content-type", "accept", "authorization", "x-api-key", "x-request-id", "if-none-match", "cache-control", "last-event-id",
        "apollographql-client-name", "apollographql-client-version",
    ];

    /// <summary>What a page may read besides the safelisted headers (Content-Disposition and Link: a download's name and licence).</summary>
    private static readonly string[] ResponseHeaders = ["ETag", "X-Request-Id", "Retry-After", "Content-Disposition", "Link"];

    private readonly CorsSettings _settings;
    private readonly HashSet<string> _desks;
    /// <summary>Null: any origin may read.</summary>
    private readonly HashSet<string>? _readers;

    public Origins(IOptions<CorsSettings> options)
    {
        _settings = options.Value;
        _desks = Parse(_settings.DeskOrigins, nameof(_settings.DeskOrigins));
        _readers = _settings.AllowedOrigins.Length == 0 ? null : [.. Parse(_settings.AllowedOrigins, nameof(_settings.AllowedOrigins)), .. _desks];
    }

    /// <summary>The CORS policy of every answer: <c>*</c> by default, else the allowed and desk origins.</summary>
    public void Configure(CorsPolicyBuilder policy)
    {
        // No credentials mode, ever: keys travel in headers, so a page gets nothing from a user's cookies.
        policy.WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders(RequestHeaders)
            .WithExposedHeaders(ResponseHeaders)
            .SetPreflightMaxAge(TimeSpan.FromSeconds(_settings.PreflightMaxAgeSeconds));
        if (_readers is null) policy.AllowAnyOrigin();
        else policy.WithOrigins([.. _readers]);
    }

    /// <summary>Whether the request's page may read: open a WebSocket.</summary>
    public bool MayRead(HttpRequest request) => Allows(_readers, request);

    /// <summary>Whether the request's page may send mutations.</summary>
    public bool MayWrite(HttpRequest request) => Allows(_desks, request);

    public static ExecutionError MutationRefused() =>
        new("Mutations are not accepted from this page's origin: only from the results desk's (ElectionGraph:Cors:DeskOrigins).") { Code = NotAllowed };

    private static bool Allows(HashSet<string>? origins, HttpRequest request)
    {
        string? origin = request.Headers.Origin;
        return string.IsNullOrEmpty(origin) || origins is null || origins.Contains(origin) || SameHost(origin, request);
    }

    /// <summary>
    /// The page came from the API itself. By host and port, not scheme: behind a proxy that ends TLS the API sees
    /// http where the browser saw https. Browsers set Host themselves, so no page can claim another's.
    /// </summary>
    private static bool SameHost(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>Configured origins as browsers send them (lower case, no default port, no slash); anything else stops the start.</summary>
    private static HashSet<string> Parse(string[] origins, string key) => origins
        .Select(origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                          && uri.PathAndQuery == "/" && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority)
            : throw new InvalidOperationException(
                $"{CorsSettings.Section}:{key}: '{origin}' is not an origin such as https://maps.example (scheme, host and port only; leave AllowedOrigins empty for any)."))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
