using System.Collections.Concurrent;
using System.Threading.Channels;
using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Domain.Webhooks;
using ElectionGraph.Storage;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Webhooks;

/// <summary>
/// Attempts the deliveries that are due, whoever recorded them: takes each with a lease on its document (a write
/// guarded by its version, so of several instances on one MongoDB exactly one wins it), POSTs it, and records the
/// attempt: delivered, due again after a backoff, or failed. Bounded in flight overall and per webhook, off the
/// path of every request: a slow receiver delays only its own deliveries.
/// </summary>
public sealed class WebhookSender(
    IDocumentStore store, WebhookClient client, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookSender> log) : BackgroundService
{
    /// <summary>This instance, as it signs its leases.</summary>
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<string, byte> _attempting = new();
    private readonly ConcurrentDictionary<string, int> _perWebhook = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly WebhookOptions _options = options.Value;

    private IDocumentCollection<WebhookDelivery> Deliveries => store.Collection<WebhookDelivery>();
    private IDocumentCollection<Webhook> Webhooks => store.Collection<Webhook>();
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Attempts in flight on this instance.</summary>
    public int Attempting => _attempting.Count;

    /// <summary>Looks for deliveries due now, rather than at the next poll: one was recorded, released or finished.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StartDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Webhook deliveries could not be started; trying again at the next poll.");
            }

            using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            poll.CancelAfter(TimeSpan.FromSeconds(_options.PollSeconds));
            try
            {
                await _wake.Reader.ReadAsync(poll.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll: deliveries of other instances, leases run out.
            }
        }
    }

    /// <summary>Stops starting attempts, abandons those in flight, and returns once they have let go of the store.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_inFlight.Keys).WaitAsync(cancellationToken);
    }

    private async Task StartDueAsync(CancellationToken stoppingToken)
    {
        var free = _options.Concurrency - _attempting.Count;
        if (free <= 0) return;
        var now = Now;
        // More than there is room for: some may be of webhooks at their own limit.
        var due = await WebhookQueries.Due(Deliveries.Query(), now, 4 * free).ToListAsync(stoppingToken);
        if (due.Count == 0) return;
        var webhooks = (await Loaders.ByIds(Webhooks.Query(), due.Select(d => d.WebhookId).Distinct().ToList()).ToListAsync(stoppingToken)).ToDictionary(w => w.Id);
        foreach (var delivery in due)
        {
            if (_attempting.Count >= _options.Concurrency) return;
            var webhook = webhooks.GetValueOrDefault(delivery.WebhookId);
            if (webhook is null or { Status: WebhookStatus.Deleted })
                await Deliveries.TryReplaceAsync(delivery, delivery with { Status = DeliveryStatus.Cancelled, NextAttemptAt = null }, stoppingToken);
            else if (webhook.Status != WebhookStatus.Active)
                await HoldAsync(delivery, stoppingToken);
            else if (_perWebhook.GetValueOrDefault(webhook.Id) < _options.ConcurrencyPerWebhook
                     && await Deliveries.TryReplaceAsync(delivery, delivery with { LeaseUntil = now + _options.Lease, LeasedBy = _instance }, stoppingToken) is { } leased)
            {
                _attempting[leased.Id] = 0;
                _perWebhook.AddOrUpdate(webhook.Id, 1, (_, n) => n + 1);
                var attempt = AttemptAsync(leased, webhook, stoppingToken);
                _inFlight[attempt] = 0;
                _ = attempt.ContinueWith(done => _inFlight.TryRemove(done, out _), TaskScheduler.Default);
            }
        }
    }

    /// <summary>A delivery of a paused or failing webhook waits, not due, until the webhook is resumed.</summary>
    private async Task HoldAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (await Deliveries.TryReplaceAsync(delivery, delivery with { NextAttemptAt = null }, cancellationToken) is not { } held) return;
        // Resumed meanwhile? The resume may have looked for held deliveries before this one was: release it here.
        if ((await Webhooks.FindAsync(delivery.WebhookId, cancellationToken))?.Status == WebhookStatus.Active)
            await Deliveries.TryReplaceAsync(held, held with { NextAttemptAt = Now }, cancellationToken);
    }

    private async Task AttemptAsync(WebhookDelivery delivery, Webhook webhook, CancellationToken stoppingToken)
    {
        try
        {
            var attempt = await client.PostAsync(webhook, delivery, stoppingToken);
            await RecordAsync(delivery, webhook, attempt, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping: the attempt is abandoned, and made again once its lease has run out.
        }
        catch (Exception e)
        {
            log.LogWarning(e, "The attempt of webhook delivery {Delivery} could not be recorded: it is made again once its lease has run out.", delivery.Id);
        }
        finally
        {
            _attempting.TryRemove(delivery.Id, out _);
            _perWebhook.AddOrUpdate(webhook.Id, 0, (_, n) => n - 1);
            Wake();
        }
    }

    private async Task RecordAsync(WebhookDelivery delivery, Webhook webhook, DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        var now = Now;
        var attempted = delivery with { Attempts = [.. delivery.Attempts, attempt], LeaseUntil = null, LeasedBy = null };
        var next = attempt.Error is null
            ? attempted with { Status = DeliveryStatus.Delivered, DeliveredAt = now, NextAttemptAt = null }
            : _options.Retries.After(attempted.Attempts.Count, Random.Shared.NextDouble()) is { } wait
                ? attempted with { NextAttemptAt = now + wait }
                : attempted with { Status = DeliveryStatus.Failed, NextAttemptAt = null };
        if (await Deliveries.TryReplaceAsync(delivery, next, cancellationToken) is null)
        {
            log.LogWarning("Webhook delivery {Delivery} was taken by another instance while it was attempted here (its lease ran out): this attempt is not recorded.", delivery.Id);
            return;
        }

        if (next.NextAttemptAt is { } due) WakeAt(due, cancellationToken);
        if (next.Status == DeliveryStatus.Delivered && webhook.FailedDeliveries > 0)
            await Webhooks.ChangeAsync(webhook.Id, w => w.FailedDeliveries == 0 ? w : w with { FailedDeliveries = 0 }, cancellationToken);
        else if (next.Status == DeliveryStatus.Failed)
            await Webhooks.ChangeAsync(webhook.Id, w => Failed(w, now), cancellationToken);
    }

    /// <summary>One more delivery failed every attempt: after enough in a row the webhook is failing, and paused.</summary>
    private Webhook Failed(Webhook webhook, DateTime now)
    {
        if (webhook.Status == WebhookStatus.Deleted) return webhook;
        var failed = webhook with { FailedDeliveries = webhook.FailedDeliveries + 1 };
        return failed.FailedDeliveries >= _options.PauseAfterFailedDeliveries && failed.Status == WebhookStatus.Active
            ? failed with { Status = WebhookStatus.Failing, PausedAt = now }
            : failed;
    }

    /// <summary>A retry is due then: look for it at that moment rather than at the poll after.</summary>
    private void WakeAt(DateTime due, CancellationToken stoppingToken)
    {
        var wait = due - Now;
        if (wait <= TimeSpan.Zero) Wake();
        else if (wait < TimeSpan.FromSeconds(_options.PollSeconds)) _ = Task.Delay(wait, stoppingToken).ContinueWith(_ => Wake(), TaskScheduler.Default);
    }
}
