using ElectionGraph.Api.Transport.GraphiQL;

namespace ElectionGraph.Api.Transport;

/// <summary>The <c>ElectionGraph:Http</c> configuration section.</summary>
public sealed class TransportOptions
{
    public const string Section = "ElectionGraph:Http";

    /// <summary>Operations in one JSON-array batch.</summary>
    public int MaxBatchSize { get; set; } = 10;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 1_000_000;

    /// <summary>How long a CDN or browser may reuse a GET answer (<c>Cache-Control: max-age</c>).</summary>
    public int CacheMaxAgeSeconds { get; set; } = 10;

    /// <summary>How long after that a stale answer may be served while it is refreshed.</summary>
    public int StaleWhileRevalidateSeconds { get; set; } = 30;

    public PersistedQueryOptions PersistedQueries { get; set; } = new();

    /// <summary>Where GraphiQL's scripts and styles come from: the API's own copies, or a CDN with unpkg's paths.</summary>
    public string GraphiQLAssetBaseUrl { get; set; } = GraphiQLAssets.Path;
}

public sealed class PersistedQueryOptions
{
    /// <summary>A folder of <c>.graphql</c> files registered at start (e.g. schema/examples).</summary>
    public string? Directory { get; set; }

    /// <summary>Allow-list mode: only registered operations run; query text and APQ registration are refused.</summary>
    public bool AllowListOnly { get; set; }

    /// <summary>Operations remembered from automatic persisted queries; past this, the least recently used give way.</summary>
    public int MaxEntries { get; set; } = 10_000;
}
