using System.Net.Http.Json;
using System.Text.Json;
using ElectionGraph.Api.Access;
using ElectionGraph.Domain.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Support;

/// <summary>API keys for tests, issued through the running API's own registry (so it knows them at once), and requests made with them.</summary>
public static class Keys
{
    public static async Task<ApiKeyRegistry.Created> IssueAsync(WebApplicationFactory<Program> api, string role, ApiKeyBudget? budget = null) =>
        await api.Services.GetRequiredService<ApiKeyRegistry>().CreateAsync(new ApiKeyGrant($"A {role} key", "test@example.org", [role], budget), test: false, CancellationToken.None);

    /// <summary>A key as stored, for storage tests.</summary>
    public static ApiKey Document(string id, string hash, ApiKeyBudget? budget = null) => new()
    {
        Id = id, Name = "The Courier", Contact = "desk@courier.example", Roles = [Roles.Partner, Roles.Admin], Budget = budget,
        Prefix = "eg_live_AbCdEf", Hash = hash, CreatedAt = new DateTime(2019, 5, 2, 21, 0, 0, DateTimeKind.Utc),
    };

    /// <summary>Posts a GraphQL request, with the key as X-Api-Key if there is one, and returns the status and body.</summary>
    public static async Task<(int Status, JsonElement Body)> PostAsync(
        WebApplicationFactory<Program> api, string? key, string query, object? variables = null, string? operationName = null)
    {
        using var client = api.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables, operationName });
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>What the API answers a key (or none): its status and first error code.</summary>
    public static async Task<(int Status, string? Code)> AnswerAsync(WebApplicationFactory<Program> api, string? key)
    {
        var (status, body) = await PostAsync(api, key, "{ __typename }");
        return (status, Code(body));
    }

    /// <summary>The first error's code; null for an answer without errors.</summary>
    public static string? Code(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;
}
