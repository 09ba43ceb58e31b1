using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ElectionGraph.Api.Webhooks;
using ElectionGraph.Domain.Results;
using ElectionGraph.Domain.Webhooks;
using ElectionGraph.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ElectionGraph.Tests.Webhooks;

/// <summary>
/// Declarations pushed to a partner's server: a receiver on 127.0.0.1, a partner key registering through the public
/// mutation, the desk declaring through its own.
/// </summary>
public sealed class WebhookDeliveryTests : IDisposable
{
    private readonly TempDirectory _data = new();

    private static CouncilResult InNorthWest(int index = 0) => ResultsDesk.Declarable.Where(r => r.Council.Region == "North West").ElementAt(index);

    private static CouncilResult Elsewhere => ResultsDesk.Declarable.First(r => r.Council.Region != "North West");

    private ApiFactory Api(params (string Key, string Value)[] settings) => ApiFactory.OnPollingDay(_data, [.. PartnerWebhooks.Settings, .. settings]);

    [Fact]
    public async Task A_registered_webhook_receives_a_declaration_with_exactly_its_documents_fields_and_a_valid_signature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = Api();
        var partner = await PartnerWebhooks.IssueAsync(api);
        var (id, secret) = await partner.CreateAsync(receiver.Url);
        var result = InNorthWest();

        var declared = await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(result, "nw-1") });
        var request = await receiver.NextAsync();

        // Exactly the document's selection, with the values a query for the same selection answers.
        var body = JsonNode.Parse(request.Body)!.AsObject();
        Assert.Equal(["data"], body.Select(p => p.Key));
        var sent = body["data"]!["councilResultDeclared"]!.AsObject();
        Assert.Equal(["council", "control", "seats"], sent.Select(p => p.Key));
        Assert.Equal(result.Council.Name, (string?)sent["council"]!["name"]);
        Assert.Equal(result.Control.After, (string?)sent["control"]!["after"]);
        Assert.All(sent["seats"]!.AsArray(), seat => Assert.Equal(["partyCode", "won", "change"], seat!.AsObject().Select(p => p.Key)));
        var queried = await api.QueryAsync("""
            query Same($id: ID!) { node(id: $id) { ... on CouncilResult { council { name } control { after } seats { partyCode won change } } } }
            """, new { id = result.Id });
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(queried.GetProperty("node").GetRawText()), sent), $"sent {sent}; a query answers {queried}");

        // The headers: who, what, which version, when, and the signature over the timestamp and the very bytes sent.
        var version = declared.GetProperty("data").GetProperty("declareCouncilResult").GetProperty("version").GetInt64();
        Assert.Equal(id, request.Header(WebhookClient.WebhookIdHeader));
        Assert.StartsWith("evt_", request.Header(WebhookClient.EventIdHeader));
        Assert.StartsWith("whd_", request.Header(WebhookClient.DeliveryIdHeader));
        Assert.Equal(result.Id, request.Header(WebhookClient.DocumentIdHeader));
        Assert.Equal(version.ToString(), request.Header(WebhookClient.DocumentVersionHeader));
        Assert.Equal("1", request.Header(WebhookClient.AttemptHeader));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        var timestamp = long.Parse(request.Header(WebhookClient.TimestampHeader));
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var signature = request.Header(WebhookClient.SignatureHeader);
        Assert.True(WebhookSignature.Verify(secret, signature, timestamp, request.Body), signature);
        Assert.False(WebhookSignature.Verify(secret, signature, timestamp + 1, request.Body), "a signature of another timestamp");
        Assert.False(WebhookSignature.Verify(secret, signature, timestamp, [.. request.Body, (byte)' ']), "a signature of another body");

        // The delivery as the partner lists it: delivered at the first attempt, the same body.
        var delivery = Assert.Single(await partner.DeliveriesWhenAsync(id, d => d is [{ } only] && only.GetProperty("status").GetString() == "DELIVERED", "the delivery recorded as delivered"));
        Assert.Equal(request.Header(WebhookClient.DeliveryIdHeader), delivery.GetProperty("id").GetString());
        Assert.Equal(Encoding.UTF8.GetString(request.Body), delivery.GetProperty("body").GetString());
        Assert.Equal([200], delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
    }

    [Fact]
    public async Task Declarations_one_after_another_each_reach_the_webhook_with_nothing_going_wrong_on_the_way()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var logs = new CapturedLogs();
        using var unlogged = Api();
        using var api = unlogged.WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(logs)));
        var partner = await PartnerWebhooks.IssueAsync(api);
        await partner.CreateAsync(receiver.Url);
        var desk = new ResultsDesk(api);

        foreach (var i in new[] { 0, 1, 2 }) await desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(InNorthWest(i), $"nw-{i}") });
        var sent = new List<string>();
        for (var i = 0; i < 3; i++) sent.Add((await receiver.NextAsync()).Header(WebhookClient.DocumentIdHeader));

        Assert.Equal([.. Enumerable.Range(0, 3).Select(i => InNorthWest(i).Id).Order()], sent.Order());
        Assert.DoesNotContain(logs.Lines, line => line.StartsWith("ElectionGraph.Api.Webhooks", StringComparison.Ordinal) && (line.Contains(" Warning: ") || line.Contains(" Error: ")));
    }

    [Fact]
    public async Task A_declaration_its_filter_does_not_match_sends_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = Api();
        var partner = await PartnerWebhooks.IssueAsync(api);
        var (id, _) = await partner.CreateAsync(receiver.Url);
        var desk = new ResultsDesk(api);

        await desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(Elsewhere, "elsewhere") });
        await desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(InNorthWest(), "nw") });

        // Declarations are recorded in the order stored: once the second has its delivery, the first has had its chance.
        var delivery = Assert.Single(await partner.DeliveriesWhenAsync(id, d => d.Any(x => x.GetProperty("status").GetString() == "DELIVERED"), "the North West delivery"));
        Assert.Equal(InNorthWest().Id, delivery.GetProperty("documentId").GetString());
        var request = Assert.Single(receiver.Requests);
        Assert.Equal(InNorthWest().Id, request.Header(WebhookClient.DocumentIdHeader));
    }

    [Fact]
    public async Task A_receiver_that_fails_three_times_then_succeeds_gets_the_delivery_once_with_its_retries_recorded()
    {
        await using var receiver = await WebhookReceiver.StartAsync(number => number <= 3 ? 503 : 200);
        using var api = Api();
        var partner = await PartnerWebhooks.IssueAsync(api);
        var (id, secret) = await partner.CreateAsync(receiver.Url);

        await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(InNorthWest(), "nw") });

        var delivery = Assert.Single(await partner.DeliveriesWhenAsync(id, d => d is [{ } only] && only.GetProperty("status").GetString() == "DELIVERED", "the delivery delivered"));
        Assert.Equal([(503, "HTTP 503"), (503, "HTTP 503"), (503, "HTTP 503"), (200, null)],
            delivery.GetProperty("attempts").EnumerateArray().Select(a => (a.GetProperty("statusCode").GetInt32(), a.GetProperty("error").GetString())));
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("nextAttemptAt").ValueKind);

        // Four requests of one delivery: the same event, body and delivery id, numbered, each signed afresh.
        var requests = receiver.Requests;
        Assert.Equal([1, 2, 3, 4], requests.Select(r => int.Parse(r.Header(WebhookClient.AttemptHeader))));
        Assert.Single(requests.Select(r => (r.Header(WebhookClient.EventIdHeader), r.Header(WebhookClient.DeliveryIdHeader), Encoding.UTF8.GetString(r.Body))).Distinct());
        Assert.All(requests, r => Assert.True(WebhookSignature.Verify(secret, r.Header(WebhookClient.SignatureHeader), long.Parse(r.Header(WebhookClient.TimestampHeader)), r.Body)));
        var webhook = Assert.Single((await partner.ListAsync()).EnumerateArray());
        Assert.Equal(("ACTIVE", 0), (webhook.GetProperty("status").GetString(), webhook.GetProperty("failedDeliveries").GetInt32()));
    }

    [Fact]
    public async Task A_delivery_that_fails_every_attempt_fails_and_enough_in_a_row_mark_the_webhook_failing_and_hold_the_rest()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 500);
        using var api = Api(("ElectionGraph:Webhooks:MaxAttempts", "2"), ("ElectionGraph:Webhooks:PauseAfterFailedDeliveries", "1"));
        var partner = await PartnerWebhooks.IssueAsync(api);
        var (id, _) = await partner.CreateAsync(receiver.Url);
        var desk = new ResultsDesk(api);

        await desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(InNorthWest(0), "nw-0") });
        var failed = Assert.Single(await partner.DeliveriesWhenAsync(id, d => d is [{ } only] && only.GetProperty("status").GetString() == "FAILED", "the delivery failed"));
        Assert.Equal(2, failed.GetProperty("attempts").GetArrayLength());
        await Eventually.HoldsAsync(async () => (await partner.ListAsync())[0].GetProperty("status").GetString() == "FAILING", "the webhook failing", () => "still active");

        // A failing webhook is called no more: its next delivery is recorded and held.
        await desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(InNorthWest(1), "nw-1") });
        var deliveries = await partner.DeliveriesWhenAsync(id, d => d.Count == 2 && d[0].GetProperty("nextAttemptAt").ValueKind == JsonValueKind.Null, "the second delivery held");
        Assert.Equal(("PENDING", 0), (deliveries[0].GetProperty("status").GetString(), deliveries[0].GetProperty("attempts").GetArrayLength()));
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_paused_webhook_holds_its_deliveries_and_sends_them_when_resumed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = Api();
        var partner = await PartnerWebhooks.IssueAsync(api);
        var (id, _) = await partner.CreateAsync(receiver.Url);
        Assert.Equal("PAUSED", (await partner.DataAsync("mutation($id: ID!) { pauseWebhook(id: $id) { status } }", new { id })).GetProperty("pauseWebhook").GetProperty("status").GetString());

        await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(InNorthWest(), "nw") });
        await partner.DeliveriesWhenAsync(id, d => d is [{ } only] && only.GetProperty("nextAttemptAt").ValueKind == JsonValueKind.Null, "the delivery held");
        Assert.Empty(receiver.Requests);

        Assert.Equal("ACTIVE", (await partner.DataAsync("mutation($id: ID!) { resumeWebhook(id: $id) { status } }", new { id })).GetProperty("resumeWebhook").GetProperty("status").GetString());
        var request = await receiver.NextAsync();
        Assert.Equal(InNorthWest().Id, request.Header(WebhookClient.DocumentIdHeader));
    }

    [Fact]
    public async Task After_a_rotation_deliveries_are_signed_with_the_new_secret_and_the_previous_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = Api();
        var partner = await PartnerWebhooks.IssueAsync(api);
        var (id, first) = await partner.CreateAsync(receiver.Url);
        var rotated = (await partner.DataAsync("mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret webhook { previousSecretUntil } } }", new { id }))
            .GetProperty("rotateWebhookSecret");
        var second = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(first, second);
        Assert.True(rotated.GetProperty("webhook").GetProperty("previousSecretUntil").GetDateTime() > DateTime.UtcNow.AddHours(23));

        await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(InNorthWest(), "nw") });
        var request = await receiver.NextAsync();
        var (signature, timestamp) = (request.Header(WebhookClient.SignatureHeader), long.Parse(request.Header(WebhookClient.TimestampHeader)));
        Assert.Equal(2, signature.Split(',').Length);
        Assert.True(WebhookSignature.Verify(second, signature, timestamp, request.Body), "signed with the new secret");
        Assert.True(WebhookSignature.Verify(first, signature, timestamp, request.Body), "signed with the previous secret");
    }

    [Fact]
    public async Task A_deleted_webhook_is_no_longer_listed_or_called()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = Api();
        var partner = await PartnerWebhooks.IssueAsync(api);
        var (deleted, _) = await partner.CreateAsync(receiver.Url);
        var (kept, _) = await partner.CreateAsync(new Uri(receiver.Url, "/kept"));
        Assert.Equal("DELETED", (await partner.DataAsync("mutation($id: ID!) { deleteWebhook(id: $id) { status } }", new { id = deleted })).GetProperty("deleteWebhook").GetProperty("status").GetString());

        await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(InNorthWest(), "nw") });
        await partner.DeliveriesWhenAsync(kept, d => d is [{ } only] && only.GetProperty("status").GetString() == "DELIVERED", "the kept webhook's delivery");

        Assert.Equal([kept], (await partner.ListAsync()).EnumerateArray().Select(w => w.GetProperty("id").GetString()));
        Assert.Equal(["/kept"], receiver.Requests.Select(r => r.Path));
        Assert.Equal(("NOT_FOUND", true), await NotFoundAsync(partner, $$"""mutation { resumeWebhook(id: "{{deleted}}") { id } }"""));
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 302);
        using var api = Api(("ElectionGraph:Webhooks:MaxAttempts", "1"));
        var partner = await PartnerWebhooks.IssueAsync(api);
        var (id, _) = await partner.CreateAsync(receiver.Url);

        await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(InNorthWest(), "nw") });

        var failed = Assert.Single(await partner.DeliveriesWhenAsync(id, d => d is [{ } only] && only.GetProperty("status").GetString() == "FAILED", "the attempt failed"));
        var attempt = Assert.Single(failed.GetProperty("attempts").EnumerateArray());
        Assert.Equal((302, "HTTP 302: redirects are not followed"), (attempt.GetProperty("statusCode").GetInt32(), attempt.GetProperty("error").GetString()));
        Assert.Equal(["/hooks/results"], receiver.Requests.Select(r => r.Path)); // never /elsewhere, where it pointed
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_fails_its_attempt()
    {
        var never = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await WebhookReceiver.StartAsync(_ => never.Task);
        using var api = Api(("ElectionGraph:Webhooks:TimeoutSeconds", "1"), ("ElectionGraph:Webhooks:MaxAttempts", "1"));
        var partner = await PartnerWebhooks.IssueAsync(api);
        var (id, _) = await partner.CreateAsync(receiver.Url);

        await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(InNorthWest(), "nw") });

        var failed = Assert.Single(await partner.DeliveriesWhenAsync(id, d => d is [{ } only] && only.GetProperty("status").GetString() == "FAILED", "the attempt failed"));
        never.SetResult(200);
        var attempt = Assert.Single(failed.GetProperty("attempts").EnumerateArray());
        Assert.Equal((JsonValueKind.Null, "no answer within 1 s"), (attempt.GetProperty("statusCode").ValueKind, attempt.GetProperty("error").GetString()));
        Assert.InRange(attempt.GetProperty("durationMs").GetInt32(), 900, 60_000); // about the limit (a timer may fire a millisecond early)
    }

    private static async Task<(string? Code, bool Names)> NotFoundAsync(PartnerWebhooks partner, string mutation)
    {
        var (code, message) = await partner.ErrorAsync(mutation);
        return (code, message.Contains("no webhook"));
    }

    public void Dispose() => _data.Dispose();
}
