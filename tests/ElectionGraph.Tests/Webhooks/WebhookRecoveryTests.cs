using System.Net.Http.Json;
using System.Text.Json;
using ElectionGraph.Api.Access;
using ElectionGraph.Api.Webhooks;
using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Webhooks;

/// <summary>Never lost: deliveries outlive the server, and declarations stored while no server recorded them are found.</summary>
public sealed class WebhookRecoveryTests : IDisposable
{
    private readonly TempDirectory _data = new();

    private static readonly CouncilResult NorthWest = ResultsDesk.Declarable.First(r => r.Council.Region == "North West");

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>(ResultsDesk.PollingDay);
        foreach (var (key, value) in PartnerWebhooks.Settings.Concat(more)) settings[key] = value;
        return settings;
    }

    [Fact]
    public async Task A_delivery_pending_when_the_server_is_killed_is_delivered_after_it_restarts()
    {
        var port = Ports.Free(); // nothing listens here until the server has been killed
        var partner = await IssueKeyAsync();
        var settings = Settings(("ElectionGraph:Webhooks:RetryBaseSeconds", "1"));

        string id;
        await using (var api = await ApiProcess.StartAsync(_data.Path, settings))
        {
            using var http = new HttpClient { BaseAddress = api.Endpoint };
            var created = await PostAsync(http, partner, $$"""mutation Create($input: CreateWebhookInput!) { createWebhook(input: $input) { {{PartnerWebhooks.Created}} } }""",
                new { input = new { url = $"http://127.0.0.1:{port}/hooks/results", query = PartnerWebhooks.NorthWest, variables = new { election = Seed.Election } } });
            id = created.GetProperty("createWebhook").GetProperty("webhook").GetProperty("id").GetString()!;
            await PostAsync(http, ResultsDesk.Key, ResultsDesk.Declare, new { input = ResultsDesk.Input(NorthWest, "nw") });

            // Attempted and refused (nobody listens), due again: then the server dies.
            await Eventually.HoldsAsync(async () => (await DeliveriesAsync(http, partner, id)) is [{ } only]
                && only.GetProperty("status").GetString() == "PENDING" && only.GetProperty("attempts").GetArrayLength() >= 1,
                "a failed attempt recorded", () => api.Output);
            await api.KillAsync();
        }

        await using var receiver = await WebhookReceiver.StartAsync(port: port);
        await using var restarted = await ApiProcess.StartAsync(_data.Path, settings);
        var request = await receiver.NextAsync();

        Assert.Equal((id, NorthWest.Id), (request.Header(WebhookClient.WebhookIdHeader), request.Header(WebhookClient.DocumentIdHeader)));
        using var again = new HttpClient { BaseAddress = restarted.Endpoint };
        await Eventually.HoldsAsync(async () => (await DeliveriesAsync(again, partner, id)) is [{ } only] && only.GetProperty("status").GetString() == "DELIVERED",
            "the delivery recorded delivered", () => restarted.Output);
        var attempts = (await DeliveriesAsync(again, partner, id))[0].GetProperty("attempts").EnumerateArray().ToList();
        Assert.All(attempts[..^1], a => Assert.StartsWith("no answer", a.GetProperty("error").GetString()));
        Assert.Equal(200, attempts[^1].GetProperty("statusCode").GetInt32());
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task A_declaration_stored_while_no_server_ran_is_delivered_when_one_starts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = Settings();
        using (var api = new ApiFactory(_data.Path, settings: settings))
        {
            var partner = await PartnerWebhooks.IssueAsync(api);
            await partner.CreateAsync(receiver.Url);
        }

        // Stored by no server that would record its deliveries (one that crashed first, or another process).
        await using (var store = EmbeddedStore.Open(_data.Path))
            await store.Collection<CouncilResult>().UpsertAsync(NorthWest, expectedVersion: 0);

        using var started = new ApiFactory(_data.Path, settings: settings);
        _ = started.Server;
        var request = await receiver.NextAsync();

        Assert.Equal(NorthWest.Id, request.Header(WebhookClient.DocumentIdHeader));
        Assert.Equal(NorthWest.Council.Name, JsonDocument.Parse(request.Body).RootElement.GetProperty("data").GetProperty("councilResultDeclared").GetProperty("council").GetProperty("name").GetString());
    }

    /// <summary>A partner key, issued into the store before the API process starts (while it runs, the file is the process's alone).</summary>
    private async Task<string> IssueKeyAsync()
    {
        await using var store = EmbeddedStore.Open(_data.Path);
        var created = await new ApiKeyRegistry(store, TimeProvider.System).CreateAsync(new ApiKeyGrant("A newsroom", null, [Roles.Partner], null), test: false, CancellationToken.None);
        return created.Secret;
    }

    private static async Task<List<JsonElement>> DeliveriesAsync(HttpClient http, string key, string id)
    {
        var data = await PostAsync(http, key, "query($id: ID!) { webhook(id: $id) { deliveries { status attempts { statusCode error } } } }", new { id });
        return [.. data.GetProperty("webhook").GetProperty("deliveries").EnumerateArray()];
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string key, string query, object variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    public void Dispose() => _data.Dispose();
}
