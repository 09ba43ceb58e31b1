using ElectionGraph.Domain.Webhooks;

namespace ElectionGraph.Api.Webhooks;

/// <summary>The webhooks' queries, each run inside MongoDB on its indexes (<c>MongoIndexes</c>; the MQL is in PipelineTests).</summary>
public static class WebhookQueries
{
    /// <summary>A key's webhooks, deleted ones left out, oldest first.</summary>
    public static IQueryable<Webhook> Owned(IQueryable<Webhook> webhooks, string owner) =>
        webhooks.Where(w => w.OwnerKeyId == owner && w.Status != WebhookStatus.Deleted).OrderBy(w => w.CreatedAt).ThenBy(w => w.Id);

    /// <summary>The webhooks a declaration stored at <paramref name="stamp"/> may be for: those registered before it, and not deleted.</summary>
    public static IQueryable<Webhook> RegisteredBefore(IQueryable<Webhook> webhooks, DateTime stamp) =>
        webhooks.Where(w => w.Status != WebhookStatus.Deleted && w.CreatedAt < stamp);

    /// <summary>Pending deliveries due at <paramref name="now"/> that no instance holds, the longest due first.</summary>
    public static IQueryable<WebhookDelivery> Due(IQueryable<WebhookDelivery> deliveries, DateTime now, int count) =>
        deliveries.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Take(count);

    /// <summary>A webhook's deliveries held while it was paused or failing.</summary>
    public static IQueryable<WebhookDelivery> Held(IQueryable<WebhookDelivery> deliveries, string webhookId) =>
        deliveries.Where(d => d.WebhookId == webhookId && d.Status == DeliveryStatus.Pending && d.NextAttemptAt == null);

    /// <summary>A webhook's latest deliveries (of one status, if given), newest first.</summary>
    public static IQueryable<WebhookDelivery> Recent(IQueryable<WebhookDelivery> deliveries, string webhookId, DeliveryStatus? status, int count)
    {
        var ofWebhook = deliveries.Where(d => d.WebhookId == webhookId);
        if (status is { } only) ofWebhook = ofWebhook.Where(d => d.Status == only);
        return ofWebhook.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(count);
    }
}
