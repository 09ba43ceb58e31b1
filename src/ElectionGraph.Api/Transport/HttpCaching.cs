using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// GET answers that CDNs and browsers may keep (a GraphQL query, a download): tagged with the request and the
/// data version, so any accepted write moves every tag, and answered <c>304</c> while the tag still holds.
/// </summary>
public sealed class HttpCaching(DataVersion dataVersion, IOptions<TransportOptions> options)
{
    private readonly string _cacheControl =
        $"public, max-age={options.Value.CacheMaxAgeSeconds}, stale-while-revalidate={options.Value.StaleWhileRevalidateSeconds}";

    /// <summary>The ETag of an answer to this request at the current data version; null while the version is unknown (nothing is cached then).</summary>
    /// <remarks>
    /// XXH128, not a cryptographic hash: a tag need only be the same on every instance and differ from every other
    /// request's and version's, and every GET makes one (of 120 bytes, SHA-256 took 0.48 µs, XXH128 0.02).
    /// </remarks>
    public string? ETag(params ReadOnlySpan<string?> request)
    {
        if (dataVersion.Current is not { } version) return null;
        var key = string.Create(CultureInfo.InvariantCulture, $"{string.Join('\n', request)}\n{version}");
        return $"\"{Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(key)))}\"";
    }

    /// <summary>Whether the client holds this answer already (<c>If-None-Match</c>): then it is told so, <c>304</c>, and nothing runs.</summary>
    public bool NotModified(HttpContext http, string? etag)
    {
        if (etag is null || !http.Request.Headers.IfNoneMatch.Contains(etag)) return false;
        SetCacheable(http, etag);
        http.Response.StatusCode = StatusCodes.Status304NotModified;
        return true;
    }

    public void SetCacheable(HttpContext http, string etag)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = _cacheControl;
    }
}
