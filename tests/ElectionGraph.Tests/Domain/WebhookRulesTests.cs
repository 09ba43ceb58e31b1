using System.Text;
using ElectionGraph.Domain.Webhooks;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Domain;

public sealed class WebhookRulesTests
{
    private static readonly RetrySchedule Schedule = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(2), MaxAttempts: 10);

    [Theory]
    [InlineData(1, 15, 30)]
    [InlineData(2, 30, 60)]
    [InlineData(5, 240, 480)]
    [InlineData(9, 3600, 7200)] // 30 s × 2^8 = 7680 s, capped at two hours
    public void A_retry_waits_between_half_and_all_of_the_doubled_backoff(int attempts, double least, double most)
    {
        Assert.Equal(TimeSpan.FromSeconds(least), Schedule.After(attempts, 0));
        Assert.Equal(TimeSpan.FromSeconds(most), Schedule.After(attempts, 1));
        Assert.InRange(Schedule.After(attempts, 0.5)!.Value, TimeSpan.FromSeconds(least), TimeSpan.FromSeconds(most));
    }

    [Fact]
    public void After_the_last_attempt_there_is_no_retry_and_the_whole_schedule_spans_hours()
    {
        Assert.Null(Schedule.After(10, 0.5));
        Assert.InRange(Schedule.Longest, TimeSpan.FromHours(3), TimeSpan.FromHours(5));
    }

    [Fact]
    public void A_signature_verifies_for_its_secret_timestamp_and_body_only()
    {
        var body = Encoding.UTF8.GetBytes("""{"data":{"councilResultDeclared":{"id":"x"}}}""");
        var header = WebhookSignature.Header(["whsec_new", "whsec_old"], 1556830800, body);

        Assert.Matches("^v1=[0-9a-f]{64},v1=[0-9a-f]{64}$", header);
        Assert.True(WebhookSignature.Verify("whsec_new", header, 1556830800, body));
        Assert.True(WebhookSignature.Verify("whsec_old", header, 1556830800, body));
        Assert.False(WebhookSignature.Verify("whsec_other", header, 1556830800, body));
        Assert.False(WebhookSignature.Verify("whsec_new", header, 1556830801, body));
        Assert.False(WebhookSignature.Verify("whsec_new", header, 1556830800, [.. body[..^1], (byte)']']));
    }

    [Fact]
    public void The_signature_is_the_hmac_of_the_timestamp_a_full_stop_and_the_body_as_the_readme_says()
    {
        // An independent computation: what a receiver's code does.
        var body = Encoding.UTF8.GetBytes("{}");
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes("whsec_abc"));
        var expected = "v1=" + Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes("1556830800.{}")));

        Assert.Equal(expected, WebhookSignature.Header(["whsec_abc"], 1556830800, body));
    }

    [Fact]
    public void A_webhook_signs_with_the_previous_secret_only_until_its_grace_ends()
    {
        var rotated = new DateTime(2019, 5, 2, 22, 0, 0, DateTimeKind.Utc);
        var webhook = WebhookDocuments.Webhook("wh_1", "https://hooks.example.org", "whsec_new") with { PreviousSecret = "whsec_old", PreviousSecretUntil = rotated.AddHours(24) };

        Assert.Equal(["whsec_new", "whsec_old"], webhook.SigningSecrets(rotated.AddHours(23)));
        Assert.Equal(["whsec_new"], webhook.SigningSecrets(rotated.AddHours(24)));
    }
}
