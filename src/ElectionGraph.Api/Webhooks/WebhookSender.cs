using System.Collections.Concurrent;
using System.Threading.Channels;
using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Api.Telemetry;
using ElectionGraph.Domain.Webhooks;
using ElectionGraph.Storage;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Webhooks;

/// <summary>
/// Attempts the deliveries that are due, whoever recorded them: takes them with a lease on each document (writes
/// guarded by their versions, so of several instances on one MongoDB exactly one wins each), POSTs each, and records
/// the attempts: delivered, due again after a backoff, or failed. Leases and outcomes are written many at a time (one
/// transaction on the embedded store). Bounded in flight overall and per webhook, off the path of every request: a
/// slow receiver delays only its own deliveries.
/// </summary>
public sealed class WebhookSender(
    IDocumentStore store, WebhookClient client, IOptions<WebhookOptions> options, TimeProvider clock, Instruments instruments, ILogger<WebhookSender> log)
    : BackgroundService
{
    /// <summary>An attempt made: the delivery as leased, and what it is now to be.</summary>
    private sealed record Outcome(WebhookDelivery Leased, WebhookDelivery Next, Webhook Webhook);

    /// <summary>This instance, as it signs its leases.</summary>
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<Outcome> _outcomes = Channel.CreateUnbounded<Outcome>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, int> _perWebhook = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly WebhookOptions _options = options.Value;
    private Task _recording = Task.CompletedTask;

    private IDocumentCollection<WebhookDelivery> Deliveries => store.Collection<WebhookDelivery>();
    private IDocumentCollection<Webhook> Webhooks => store.Collection<Webhook>();
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Looks for deliveries due now, rather than at the next poll: one was recorded, released or finished.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _recording = RecordOutcomesAsync();
        return base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Stops starting attempts, abandons those in flight, records what was attempted, and returns once the store is let
    /// go, or when the host's time to stop is up: never with an exception, which would end the process with an abort.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_inFlight.Keys).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _outcomes.Writer.TryComplete();
        await _recording.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

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

    private async Task StartDueAsync(CancellationToken stoppingToken)
    {
        var free = _options.Concurrency - _inFlight.Count;
        if (free <= 0) return;
        var now = Now;
        // More than there is room for: some may be of webhooks at their own limit.
        var due = await WebhookQueries.Due(Deliveries.Query(), now, 4 * free).ToListAsync(stoppingToken);
        if (due.Count == 0) return;
        var webhooks = (await Loaders.ByIds(Webhooks.Query(), due.Select(d => d.WebhookId).Distinct().ToList()).ToListAsync(stoppingToken)).ToDictionary(w => w.Id);

        var taking = new List<WebhookDelivery>();
        var perWebhook = new Dictionary<string, int>();
        foreach (var delivery in due)
        {
            var webhook = webhooks.GetValueOrDefault(delivery.WebhookId);
            if (webhook is null or { Status: WebhookStatus.Deleted })
                await Deliveries.TryReplaceAsync(delivery, delivery with { Status = DeliveryStatus.Cancelled, NextAttemptAt = null }, stoppingToken);
            else if (webhook.Status != WebhookStatus.Active)
                await HoldAsync(delivery, stoppingToken);
            else if (taking.Count < free && _perWebhook.GetValueOrDefault(webhook.Id) + perWebhook.GetValueOrDefault(webhook.Id) < _options.ConcurrencyPerWebhook)
            {
                taking.Add(delivery);
                perWebhook[webhook.Id] = perWebhook.GetValueOrDefault(webhook.Id) + 1;
            }
        }

        var leaseUntil = now + _options.Lease;
        foreach (var leased in await Deliveries.UpsertManyAsync([.. taking.Select(d => (d with { LeaseUntil = leaseUntil, LeasedBy = _instance }, d.Version))], stoppingToken))
        {
            var webhook = webhooks[leased.WebhookId];
            _perWebhook.AddOrUpdate(webhook.Id, 1, (_, n) => n + 1);
            var attempt = AttemptAsync(leased, webhook, stoppingToken);
            _inFlight[attempt] = 0;
            _ = attempt.ContinueWith(done => _inFlight.TryRemove(done, out _), TaskScheduler.Default);
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
            _outcomes.Writer.TryWrite(new Outcome(delivery, Next(delivery, attempt), webhook));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping: the attempt is abandoned, and made again once its lease has run out.
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Webhook delivery {Delivery} could not be attempted: it is attempted again once its lease has run out.", delivery.Id);
        }
        finally
        {
            _perWebhook.AddOrUpdate(webhook.Id, 0, (_, n) => n - 1);
            Wake();
        }
    }

    /// <summary>The delivery after an attempt: delivered, due again after the backoff, or failed after the last attempt.</summary>
    private WebhookDelivery Next(WebhookDelivery delivery, DeliveryAttempt attempt)
    {
        var now = Now;
        var attempted = delivery with { Attempts = [.. delivery.Attempts, attempt], LeaseUntil = null, LeasedBy = null };
        return attempt.Error is null
            ? attempted with { Status = DeliveryStatus.Delivered, DeliveredAt = now, NextAttemptAt = null }
            : _options.Retries.After(attempted.Attempts.Count, Random.Shared.NextDouble()) is { } wait
                ? attempted with { NextAttemptAt = now + wait }
                : attempted with { Status = DeliveryStatus.Failed, NextAttemptAt = null };
    }

    /// <summary>
    /// Writes the attempts' outcomes as they come, all those waiting in one write. One that cannot be written is lost
    /// with its lease: the delivery is attempted again when the lease runs out (at least once, never never).
    /// </summary>
    private async Task RecordOutcomesAsync()
    {
        while (await _outcomes.Reader.WaitToReadAsync())
        {
            var outcomes = new List<Outcome>();
            while (_outcomes.Reader.TryRead(out var outcome)) outcomes.Add(outcome);
            try
            {
                var stored = (await Deliveries.UpsertManyAsync([.. outcomes.Select(o => (o.Next, o.Leased.Version))])).Select(d => d.Id).ToHashSet();
                foreach (var outcome in outcomes)
                {
                    if (stored.Contains(outcome.Next.Id)) await CountAsync(outcome);
                    else log.LogWarning("Webhook delivery {Delivery} was taken by another instance while it was attempted here (its lease ran out): this attempt is not recorded.", outcome.Next.Id);
                }
            }
            catch (Exception e)
            {
                log.LogWarning(e, "The outcomes of {Count} webhook attempts could not be recorded: they are attempted again once their leases have run out.", outcomes.Count);
            }
        }
    }

    /// <summary>A recorded outcome's effect beyond its delivery: a retry to wake for, and the webhook's run of failures.</summary>
    private async Task CountAsync(Outcome outcome)
    {
        instruments.WebhookAttempt(outcome.Next.Status switch
        {
            DeliveryStatus.Delivered => "delivered",
            DeliveryStatus.Failed => "failed",
            _ => "retry",
        });
        if (outcome.Next.Status == DeliveryStatus.Delivered) instruments.WebhookDelivered(Now - outcome.Next.DeclaredAt);
        if (outcome.Next.NextAttemptAt is { } due) WakeAt(due);
        if (outcome.Next.Status == DeliveryStatus.Delivered && outcome.Webhook.FailedDeliveries > 0)
            await Webhooks.ChangeAsync(outcome.Webhook.Id, w => w.FailedDeliveries == 0 ? w : w with { FailedDeliveries = 0 }, CancellationToken.None);
        else if (outcome.Next.Status == DeliveryStatus.Failed)
            await Webhooks.ChangeAsync(outcome.Webhook.Id, Failed, CancellationToken.None);
    }

    /// <summary>One more delivery failed every attempt: after enough in a row the webhook is failing, and paused.</summary>
    private Webhook Failed(Webhook webhook)
    {
        if (webhook.Status == WebhookStatus.Deleted) return webhook;
        var failed = webhook with { FailedDeliveries = webhook.FailedDeliveries + 1 };
        return failed.FailedDeliveries >= _options.PauseAfterFailedDeliveries && failed.Status == WebhookStatus.Active
            ? failed with { Status = WebhookStatus.Failing, PausedAt = Now }
            : failed;
    }

    /// <summary>A retry is due then: look for it at that moment rather than at the poll after.</summary>
    private void WakeAt(DateTime due)
    {
        var wait = due - Now;
        if (wait <= TimeSpan.Zero) Wake();
        else if (wait < TimeSpan.FromSeconds(_options.PollSeconds)) _ = Task.Delay(wait).ContinueWith(_ => Wake(), TaskScheduler.Default);
    }
}
