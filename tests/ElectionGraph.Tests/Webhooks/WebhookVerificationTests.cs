using System.Text.Json;
using ElectionGraph.Api.Webhooks;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Webhooks;

/// <summary>
/// README's verification code (tests/interop/webhook-verify.mjs, shown in README as it is) accepts a real delivery and
/// refuses it altered, signed with another secret, or stale.
/// </summary>
public sealed class WebhookVerificationTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task The_readme_s_verification_code_accepts_a_delivery_as_sent_and_nothing_else()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = ApiFactory.OnPollingDay(_data, PartnerWebhooks.Settings);
        var partner = await PartnerWebhooks.IssueAsync(api);
        var (_, secret) = await partner.CreateAsync(receiver.Url);
        await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(ResultsDesk.Declarable.First(r => r.Council.Region == "North West"), "nw") });
        var request = await receiver.NextAsync();
        var sentAt = long.Parse(request.Header(WebhookClient.TimestampHeader));

        object Case(string key, byte[] body, long now) => new { secret = key, headers = request.Headers, body = Convert.ToBase64String(body), now };
        var cases = new[]
        {
            Case(secret, request.Body, sentAt + 5),
            Case(secret, [.. request.Body, (byte)'\n'], sentAt + 5),
            Case("whsec_someone-else", request.Body, sentAt + 5),
            Case(secret, request.Body, sentAt + 301),
        };
        var file = Path.Combine(_data.Path, "cases.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(cases));

        var verdicts = (await Node.ScriptAsync("webhook-check.mjs", TimeSpan.FromMinutes(1), file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["true", "false", "false", "false"], verdicts);
    }

    [Fact]
    public void The_readme_shows_the_verification_code_as_it_is_tested()
    {
        var code = File.ReadAllText(Repo.File("tests/interop/webhook-verify.mjs")).Trim();
        Assert.Contains(code, File.ReadAllText(Repo.File("README.md")));
    }

    public void Dispose() => _data.Dispose();
}
