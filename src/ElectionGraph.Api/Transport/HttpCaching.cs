using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Transport;

/// <summary>
/// GET answers that CDNs and browsers may keep (a GraphQL query, a download): tagged with the request and the
/// data version, so any accepted write moves every tag, and answered <c>304</c> while the tag still holds.
/// </summary>
public sealed class HttpCaching(DataVersion dataVersion, IOptions<TransportOptions> options)
{
    /// <summary>The ETag of an answer to this request at the current data version; null while the version is unknown (nothing is cached then).</summary>
    public string? ETag(params IEnumerable<string?> request)
    {
        if (dataVersion.Current is not { } version) return null;
        var key = string.Join('\n', request.Append(version.ToString(CultureInfo.InvariantCulture)));
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 16)}\"";
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
        http.Response.Headers.CacheControl = $"public, max-age={options.Value.CacheMaxAgeSeconds}, stale-while-revalidate={options.Value.StaleWhileRevalidateSeconds}";
    }
}
