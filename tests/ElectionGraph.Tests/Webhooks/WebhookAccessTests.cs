using System.Text.Json;
using ElectionGraph.Api.Security;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Webhooks;

/// <summary>A key sees and manages only its own webhooks: another's is, to it, one that does not exist.</summary>
public sealed class WebhookAccessTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_key_cannot_see_or_change_another_keys_webhooks()
    {
        using var api = ApiFactory.OnPollingDay(_data, PartnerWebhooks.Settings);
        var owner = await PartnerWebhooks.IssueAsync(api);
        var stranger = await PartnerWebhooks.IssueAsync(api);
        var (id, _) = await owner.CreateAsync(new Uri("https://hooks.example.org/results"));
        var (own, _) = await stranger.CreateAsync(new Uri("https://hooks.example.org/mine"));

        Assert.Equal([own], (await stranger.ListAsync()).EnumerateArray().Select(w => w.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, (await stranger.DataAsync("query($id: ID!) { webhook(id: $id) { id } }", new { id })).GetProperty("webhook").ValueKind);
        foreach (var mutation in new[] { "pauseWebhook(id: $id) { id }", "resumeWebhook(id: $id) { id }", "rotateWebhookSecret(id: $id) { secret }", "deleteWebhook(id: $id) { id }" })
        {
            var (code, message) = await stranger.ErrorAsync($"mutation($id: ID!) {{ {mutation} }}", new { id });
            Assert.Equal(("NOT_FOUND", $"You have no webhook '{id}'."), (code, message));
        }

        // The owner's webhook is as it was: active, never written again.
        var webhook = (await owner.DataAsync("query($id: ID!) { webhook(id: $id) { status version } }", new { id })).GetProperty("webhook");
        Assert.Equal(("ACTIVE", 1), (webhook.GetProperty("status").GetString(), webhook.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Webhooks_are_a_partner_keys_and_refused_to_anonymous_callers_and_keys_without_the_partner_role()
    {
        using var api = ApiFactory.OnPollingDay(_data, PartnerWebhooks.Settings);
        const string List = "{ webhooks { id } }";

        var anonymous = await Keys.PostAsync(api, null, List);
        var desk = await Keys.PostAsync(api, ResultsDesk.Key, List);

        Assert.Equal((401, RequiredRoles.Unauthenticated), (anonymous.Status, Keys.Code(anonymous.Body)));
        Assert.Equal((403, RequiredRoles.Forbidden), (desk.Status, Keys.Code(desk.Body)));
    }

    public void Dispose() => _data.Dispose();
}
