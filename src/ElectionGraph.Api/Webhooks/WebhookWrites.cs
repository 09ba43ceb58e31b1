using ElectionGraph.Api.Conventions;
using ElectionGraph.Domain.Webhooks;
using ElectionGraph.Storage;

namespace ElectionGraph.Api.Webhooks;

/// <summary>Changes to stored webhook documents, by the owner's operations and the sender alike: each may race the other.</summary>
public static class WebhookWrites
{
    /// <summary>
    /// Applies <paramref name="change"/> to the stored webhook and stores it, reading it again if another write came
    /// first. A change that returns the webhook as it is writes nothing.
    /// </summary>
    /// <returns>The webhook as stored; null when there is none.</returns>
    public static async Task<Webhook?> ChangeAsync(this IDocumentCollection<Webhook> webhooks, string id, Func<Webhook, Webhook> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await webhooks.FindAsync(id, cancellationToken) is not { } webhook) return null;
            var changed = change(webhook);
            if (changed == webhook) return webhook;
            try
            {
                return await webhooks.UpsertAsync(changed, webhook.Version, cancellationToken);
            }
            catch (VersionConflictException)
            {
                // Changed meanwhile (its owner, or a delivery's outcome): apply the change to what is stored now.
            }
        }
    }

    /// <summary>Stores a delivery's next state if nobody has written it since it was read: it as stored, or null when someone has.</summary>
    public static async Task<WebhookDelivery?> TryReplaceAsync(this IDocumentCollection<WebhookDelivery> deliveries, WebhookDelivery read, WebhookDelivery next, CancellationToken cancellationToken)
    {
        try
        {
            return await deliveries.UpsertAsync(next, read.Version, cancellationToken);
        }
        catch (VersionConflictException)
        {
            return null;
        }
    }
}
