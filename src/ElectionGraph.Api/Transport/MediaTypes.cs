using ElectionGraph.Api.Subscriptions;
using Microsoft.Net.Http.Headers;

namespace ElectionGraph.Api.Transport;

/// <summary>The response media types of GraphQL over HTTP, chosen by the request's Accept header.</summary>
public static class MediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The media type to answer in: application/json when Accept is missing or accepts anything (older
    /// clients), application/graphql-response+json or text/event-stream (an SSE stream) when the client prefers
    /// it; null when none is acceptable. Preferred is by quality, then by order: urql, say, accepts all three with
    /// JSON first, and wants JSON.
    /// </summary>
    public static string? Negotiate(IList<string> accept)
    {
        // A client sends the same Accept with every request, and parsing it took a fiftieth of a kept answer: the last
        // one is remembered (one entry, so no client can fill memory with others).
        if (accept.Count != 1) return Choose(accept);
        if (_last is { } last && last.Accept == accept[0]) return last.MediaType;
        var chosen = Choose(accept);
        _last = new Negotiated(accept[0], chosen);
        return chosen;
    }

    private sealed record Negotiated(string Accept, string? MediaType);

    private static Negotiated? _last;

    private static string? Choose(IList<string> accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0) return Json;
        var best = ranges
            .Select(range => (range, quality: range.Quality ?? 1))
            .Where(r => r.quality > 0)
            .OrderByDescending(r => r.quality)
            .Select(r => r.range.MediaType.Value?.ToLowerInvariant())
            .FirstOrDefault(type => type is GraphQLResponse or Json or EventStream.MediaType or "application/*" or "*/*");
        return best switch
        {
            null => null,
            GraphQLResponse or EventStream.MediaType => best,
            _ => Json,
        };
    }

    public static bool PrefersHtml(IList<string> accept) =>
        MediaTypeHeaderValue.TryParseList(accept, out var ranges)
        && ranges.Any(r => r.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
