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
    public static async Task<(string Body, string Comparable)> PostAsync(WebApplicationFactory<Program> api, string query)
    {
        using var client = api.CreateClient();
        using var response = await client.PostAsJsonAsync("/graphql", new { query });
        var body = await response.Content.ReadAsStringAsync();
        var answer = JsonDocument.Parse(body).RootElement;
        if (!answer.TryGetProperty("data", out var data)) return (body, body);
        var cost = answer.GetProperty("extensions").GetProperty("cost");
        var errors = answer.TryGetProperty("errors", out var e) ? e.GetRawText() : "";
        return (body, $"{(int)response.StatusCode} {data.GetRawText()} {errors} {cost.GetProperty("requested")} {cost.GetProperty("actual")}");
    }
}
