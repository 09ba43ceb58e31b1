using System.Buffers;
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
    private readonly string _cacheControl =
        $"public, max-age={options.Value.CacheMaxAgeSeconds}, stale-while-revalidate={options.Value.StaleWhileRevalidateSeconds}";

    /// <summary>The ETag of an answer to this request at the current data version; null while the version is unknown (nothing is cached then).</summary>
    /// <remarks>The SHA-256 of the parts and the version, a line feed after each part (tags stay as they were when they
    /// were joined into a string first), written as UTF-8 into one rented buffer: every GET makes one.</remarks>
    public string? ETag(params ReadOnlySpan<string?> request)
    {
        if (dataVersion.Current is not { } version) return null;
        var length = 20; // the version's digits
        foreach (var part in request) length += Encoding.UTF8.GetMaxByteCount(part?.Length ?? 0) + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            foreach (var part in request)
            {
                written += Encoding.UTF8.GetBytes(part.AsSpan(), buffer.AsSpan(written));
                buffer[written++] = (byte)'\n';
            }

            version.TryFormat(buffer.AsSpan(written), out var digits, provider: CultureInfo.InvariantCulture);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written + digits), hash);
            return $"\"{Convert.ToHexStringLower(hash[..16])}\"";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
