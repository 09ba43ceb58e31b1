using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Conventions.Sorting;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Conventions.Paging;

/// <summary>The <c>ElectionGraph:Cursors</c> configuration section.</summary>
public sealed class CursorOptions
{
    public const string Section = "ElectionGraph:Cursors";

    /// <summary>
    /// The key cursors are signed with. Unset, each process draws its own at start, so its cursors fail on
    /// another instance or after a restart: instances behind one load balancer must share one.
    /// </summary>
    public string? Secret { get; set; }
}

/// <summary>
/// Keyset cursors: the sort key values of an item and a fingerprint of the query it came from (field,
/// filter, order), so the next page is a range query and a cursor from another query is refused. Signed
/// (HMAC-SHA-256 with the server's secret), so only cursors this API handed out are ever decoded: a forged
/// or altered one, however well formed, is refused before its values reach a query.
/// </summary>
public sealed class Cursors(IOptions<CursorOptions> options)
{
    private const int MacBytes = 32;

    private readonly byte[] _key = options.Value.Secret is { Length: > 0 } secret ? Encoding.UTF8.GetBytes(secret) : RandomNumberGenerator.GetBytes(32);

    private sealed record Payload(string F, JsonElement[] K);

    public string Encode(string fingerprint, IEnumerable<object?> values)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new { f = fingerprint, k = values });
        byte[] signed = [.. HMACSHA256.HashData(_key, json), .. json];
        return Convert.ToBase64String(signed).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The key values a cursor holds, typed as the keys.</summary>
    /// <exception cref="FilterError">Not a cursor of this API (INVALID_CURSOR), or one from another query.</exception>
    public object?[] Decode(string cursor, string fingerprint, IReadOnlyList<SortKey> keys)
    {
        var payload = Verified(cursor) ?? throw NotOurs();
        if (payload.F != fingerprint || payload.K.Length != keys.Count)
            throw new FilterError("INVALID_CURSOR", "This cursor belongs to another query (a different list, filter or order): cursors only continue the query that returned them.");
        try
        {
            return keys.Select((key, i) => payload.K[i].Deserialize(key.Type)).ToArray();
        }
        catch (JsonException)
        {
            throw NotOurs();
        }
    }

    /// <summary>The payload, if the cursor is one this server signed.</summary>
    private Payload? Verified(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            var bytes = Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
            if (bytes.Length <= MacBytes || !CryptographicOperations.FixedTimeEquals(bytes.AsSpan(0, MacBytes), HMACSHA256.HashData(_key, bytes.AsSpan(MacBytes))))
                return null;
            var payload = JsonSerializer.Deserialize<Payload>(bytes.AsSpan(MacBytes), new JsonSerializerOptions(JsonSerializerDefaults.Web));
            return payload?.F is null || payload.K is null ? null : payload;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static FilterError NotOurs() =>
        new("INVALID_CURSOR", "This is not a cursor from this API: pass a cursor exactly as a page returned it.");

    /// <summary>Identifies a query by everything but its paging arguments.</summary>
    public static string Fingerprint(string field, IEnumerable<KeyValuePair<string, object?>> arguments)
    {
        var canonical = JsonSerializer.Serialize(new { field, arguments = arguments.OrderBy(a => a.Key, StringComparer.Ordinal) });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)), 0, 8);
    }
}
