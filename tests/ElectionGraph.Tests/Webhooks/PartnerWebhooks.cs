using System.Text.Json;
using ElectionGraph.Api.Access;
using ElectionGraph.Domain.Access;
using ElectionGraph.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ElectionGraph.Tests.Webhooks;

/// <summary>A partner with a key, registering and reading its webhooks through the public API as any partner would.</summary>
public sealed class PartnerWebhooks(WebApplicationFactory<Program> api, ApiKeyRegistry.Created key)
{
    /// <summary>Retries at once, polls often, and calls loopback: the API as the webhook tests run it.</summary>
    public static readonly (string Key, string Value)[] Settings =
    [
        ("ElectionGraph:Webhooks:AllowPrivateAddresses", "true"),
        ("ElectionGraph:Webhooks:RetryBaseSeconds", "0.05"),
        ("ElectionGraph:Webhooks:PollSeconds", "0.2"),
    ];

    /// <summary>The issue's example: North West councils' declarations, with their control and seats.</summary>
    public const string NorthWest = """
        subscription NorthWest($election: ID!) {
          councilResultDeclared(electionId: $election, where: { council: { region: { eq: "North West" } } }) {
            council { name } control { after } seats { partyCode won change }
          }
        }
        """;

    public const string Created = "webhook { id status version } secret";

    public const string Listed = """
        webhooks { id status failedDeliveries url deliveries { id eventId documentId documentVersion status body nextAttemptAt attempts { statusCode error durationMs } } }
        """;

    public ApiKeyRegistry.Created Key => key;

    public static async Task<PartnerWebhooks> IssueAsync(WebApplicationFactory<Program> api) => new(api, await Keys.IssueAsync(api, Roles.Partner));

    /// <summary>Registers the North West webhook for the 2019 election; returns its id and secret.</summary>
    public async Task<(string Id, string Secret)> CreateAsync(Uri url, string query = NorthWest, object? variables = null)
    {
        var created = await DataAsync($$"""mutation Create($input: CreateWebhookInput!) { createWebhook(input: $input) { {{Created}} } }""",
            new { input = new { url = url.ToString(), query, variables = variables ?? new { election = Seed.Election } } });
        var webhook = created.GetProperty("createWebhook");
        return (webhook.GetProperty("webhook").GetProperty("id").GetString()!, webhook.GetProperty("secret").GetString()!);
    }

    /// <summary>The key's webhooks with their deliveries, as listed.</summary>
    public async Task<JsonElement> ListAsync() => (await DataAsync($"{{ {Listed} }}")).GetProperty("webhooks");

    /// <summary>One webhook's deliveries, newest first.</summary>
    public async Task<List<JsonElement>> DeliveriesAsync(string id) =>
        [.. (await ListAsync()).EnumerateArray().Single(w => w.GetProperty("id").GetString() == id).GetProperty("deliveries").EnumerateArray()];

    /// <summary>Waits until the webhook's deliveries satisfy <paramref name="holds"/>; returns them.</summary>
    public async Task<List<JsonElement>> DeliveriesWhenAsync(string id, Func<List<JsonElement>, bool> holds, string expected)
    {
        var deliveries = new List<JsonElement>();
        await Eventually.HoldsAsync(async () => holds(deliveries = await DeliveriesAsync(id)), expected,
            () => string.Join("\n", deliveries.Select(d => d.ToString())));
        return deliveries;
    }

    public async Task<JsonElement> DataAsync(string query, object? variables = null)
    {
        var (_, body) = await Keys.PostAsync(api, key.Secret, query, variables);
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    /// <summary>The first error's code and message of a request that fails.</summary>
    public async Task<(string? Code, string Message)> ErrorAsync(string query, object? variables = null)
    {
        var (_, body) = await Keys.PostAsync(api, key.Secret, query, variables);
        Assert.True(body.TryGetProperty("errors", out var errors), $"Expected errors; got {body}");
        return (Keys.Code(body), errors[0].GetProperty("message").GetString()!);
    }
}
