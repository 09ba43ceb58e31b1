namespace ElectionGraph.Api.Cors;

/// <summary>The <c>ElectionGraph:Cors</c> configuration section: which browser pages may call the API.</summary>
public sealed class CorsSettings
{
    public const string Section = "ElectionGraph:Cors";

    /// <summary>
    /// Origins (<c>https://maps.example</c>) whose pages may read: queries, subscriptions, WebSocket upgrades.
    /// Empty, the default: any origin.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Origins whose pages may also send mutations (the results desk's own tools). Empty, the default: none.</summary>
    public string[] DeskOrigins { get; set; } = [];

    /// <summary>How long a browser may reuse a preflight's answer (<c>Access-Control-Max-Age</c>; Chromium keeps it at most 7200).</summary>
    public int PreflightMaxAgeSeconds { get; set; } = 7200;
}
