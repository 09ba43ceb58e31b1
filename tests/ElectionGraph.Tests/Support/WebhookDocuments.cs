using System.Diagnostics.Metrics;
using ElectionGraph.Api.Telemetry;
using ElectionGraph.Api.Webhooks;
using ElectionGraph.Domain.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Tests.Support;

/// <summary>Webhooks and deliveries as stored, and the sender's parts, for tests below the API.</summary>
public static class WebhookDocuments
{
    public static Webhook Webhook(string id, string url, string secret = "whsec_test") => new()
    {
        Id = id, OwnerKeyId = "key_1", Url = url, Query = "subscription { councilResultDeclared(electionId: \"x\") { id } }", Variables = "{}",
        SubscriptionField = "councilResultDeclared", Secret = secret, CreatedAt = new DateTime(2019, 5, 2, 21, 0, 0, DateTimeKind.Utc),
    };

    public static WebhookDelivery Delivery(string id, string webhookId, DateTime due) => new()
    {
        Id = id, WebhookId = webhookId, EventId = "evt_" + id, DocumentId = "doc_" + id, DocumentVersion = 1, Body = $$$"""{"data":{"id":"{{{id}}}"}}""",
        DeclaredAt = due, NextAttemptAt = due, CreatedAt = due,
    };

    /// <summary>The callback policy, in production unless private addresses are allowed.</summary>
    public static CallbackPolicy Policy(bool? allowPrivate, string environment = "Production") =>
        new(Options.Create(new WebhookOptions { AllowPrivateAddresses = allowPrivate }), new HostingEnvironment { EnvironmentName = environment });

    /// <summary>A sender as an API instance runs it, on the given store.</summary>
    public static WebhookSender Sender(ElectionGraph.Storage.IDocumentStore store, WebhookOptions options) =>
        new(store, new WebhookClient(Policy(options.AllowPrivateAddresses), Options.Create(options), TimeProvider.System), Options.Create(options), TimeProvider.System,
            new Instruments(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()), NullLogger<WebhookSender>.Instance);
}
