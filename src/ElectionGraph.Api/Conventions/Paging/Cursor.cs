using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Conventions.Sorting;

namespace ElectionGraph.Api.Conventions.Paging;

/// <summary>
/// A keyset cursor: the sort key values of an item, and a fingerprint of the query it came from (field,
/// filter, order), so the next page is a range query and a cursor from another query is refused.
/// </summary>
public static class Cursor
{
    private sealed record Payload(string F, JsonElement[] K);

    public static string Encode(string fingerprint, IEnumerable<object?> values)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new { f = fingerprint, k = values });
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The key values a cursor holds, typed as the keys.</summary>
    /// <exception cref="FilterError">Not a cursor of this API (INVALID_CURSOR), or one from another query.</exception>
    public static object?[] Decode(string cursor, string fingerprint, IReadOnlyList<SortKey> keys)
    {
        Payload? payload;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            var json = Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
            payload = JsonSerializer.Deserialize<Payload>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            payload = null;
        }

        if (payload?.K is null || payload.F is null)
            throw new FilterError("INVALID_CURSOR", "This is not a cursor from this API: pass a cursor exactly as a page returned it.");
        if (payload.F != fingerprint || payload.K.Length != keys.Count)
            throw new FilterError("INVALID_CURSOR", "This cursor belongs to another query (a different list, filter or order): cursors only continue the query that returned them.");
        try
        {
            return keys.Select((key, i) => payload.K[i].Deserialize(key.Type)).ToArray();
        }
        catch (JsonException)
        {
            throw new FilterError("INVALID_CURSOR", "This is not a cursor from this API: pass a cursor exactly as a page returned it.");
        }
    }

    /// <summary>Identifies a query by everything but its paging arguments.</summary>
    public static string Fingerprint(string field, IEnumerable<KeyValuePair<string, object?>> arguments)
    {
        var canonical = JsonSerializer.Serialize(new { field, arguments = arguments.OrderBy(a => a.Key, StringComparer.Ordinal) });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)), 0, 8);
    }
}
