using System.Net;
using ElectionGraph.Api.Webhooks;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Tests.Webhooks;

/// <summary>Where webhooks may call, checked at registration by the URL and at every connection by the addresses reached.</summary>
public sealed class CallbackPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2a00:1450:4009:81f::200e", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::a00:1", false)]
    public void Only_public_addresses_are_public(string address, bool isPublic) =>
        Assert.Equal(isPublic, CallbackPolicy.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void Loopback_over_plain_http_is_allowed_in_development_only()
    {
        Assert.Null(WebhookDocuments.Policy(null, "Development").Problem("http://127.0.0.1:8080/hooks"));
        Assert.NotNull(WebhookDocuments.Policy(null).Problem("http://127.0.0.1:8080/hooks"));
        Assert.NotNull(WebhookDocuments.Policy(null).Problem("https://127.0.0.1:8080/hooks"));
        Assert.NotNull(WebhookDocuments.Policy(allowPrivate: true).Problem("http://hooks.example.org/"));
        Assert.Null(WebhookDocuments.Policy(null).Problem("https://hooks.example.org/results?token=1"));
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_when_connecting_and_the_attempt_says_why()
    {
        // localhost resolves without any network; the registration check refuses the name itself, the connection its address.
        using var client = new WebhookClient(WebhookDocuments.Policy(false), Options.Create(new WebhookOptions()), TimeProvider.System);
        var webhook = WebhookDocuments.Webhook("wh_1", "https://localhost:1/hooks");

        var attempt = await client.PostAsync(webhook, WebhookDocuments.Delivery("whd_1", webhook.Id, DateTime.UtcNow), CancellationToken.None);

        Assert.Null(attempt.StatusCode);
        Assert.Matches("^localhost resolves to (127\\.0\\.0\\.1|::1), a private, loopback or link-local address$", attempt.Error);
    }
}
