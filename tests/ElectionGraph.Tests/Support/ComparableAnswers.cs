using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ElectionGraph.Tests.Support;

/// <summary>Answers to compare between APIs or between runs of one.</summary>
public static class ComparableAnswers
{
    /// <summary>
    /// Posts a query. The comparable form is everything but what is left of the caller's budget, which moves with
    /// every request: the status, the data as raw bytes, the errors and the cost.
    /// </summary>
    /// <param name="acceptEncoding">Sent as Accept-Encoding; a gzipped answer is read through .NET's own decoder, which checks its CRC and length.</param>
    /// <returns>Also the answer's content coding (empty when none).</returns>
    public static async Task<(string Body, string Comparable, string Encoding)> PostAsync(WebApplicationFactory<Program> api, string query, string? acceptEncoding = null)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        if (acceptEncoding is not null) request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        using var response = await client.SendAsync(request);
        var encoding = string.Join(',', response.Content.Headers.ContentEncoding);
        await using var content = await response.Content.ReadAsStreamAsync();
        await using var decoded = encoding switch
        {
            "" => content,
            "gzip" => new GZipStream(content, CompressionMode.Decompress),
            "br" => new BrotliStream(content, CompressionMode.Decompress),
            _ => throw new InvalidDataException($"Unexpected content coding {encoding}."),
        };
        var body = await new StreamReader(decoded).ReadToEndAsync();
        var answer = JsonDocument.Parse(body).RootElement;
        if (!answer.TryGetProperty("data", out var data)) return (body, body, encoding);
        var cost = answer.GetProperty("extensions").GetProperty("cost");
        var errors = answer.TryGetProperty("errors", out var e) ? e.GetRawText() : "";
        return (body, $"{(int)response.StatusCode} {data.GetRawText()} {errors} {cost.GetProperty("requested")} {cost.GetProperty("actual")}", encoding);
    }
}
