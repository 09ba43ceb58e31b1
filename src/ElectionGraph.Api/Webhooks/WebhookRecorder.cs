using System.Reactive.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Domain;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Domain.Webhooks;
using ElectionGraph.Storage;

namespace ElectionGraph.Api.Webhooks;

/// <summary>
/// Turns each declaration into a delivery for every webhook whose document it matches, recorded before anything is
/// sent: the document rendered once per distinct document and variables, and the deliveries stored in one write.
/// Declarations come from the store's feed as they are stored and, after a start or a failed feed, from the store
/// itself since the last one recorded (<see cref="WebhookCursor"/>): none stored while the server was down is missed,
/// and one seen twice is recorded once (a delivery's id is its webhook's and the document version's).
/// </summary>
public sealed class WebhookRecorder(
    IDocumentStore store, ResultFeed feed, WebhookRenderer renderer, WebhookSender sender, TimeProvider clock, ILogger<WebhookRecorder> log)
    : BackgroundService
{
    /// <summary>
    /// Declarations stored this long before the cursor are looked at again after a start: on MongoDB each instance
    /// stamps its writes by its own clock, so one stamped a little earlier can be stored after.
    /// </summary>
    private static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(2);

    /// <summary>The cursor is written at most this often while declarations keep coming (once a burst ends, at once).</summary>
    private static readonly TimeSpan CursorInterval = TimeSpan.FromSeconds(1);

    private DateTime _through, _saved, _savedAt;

    private IDocumentCollection<Webhook> Webhooks => store.Collection<Webhook>();
    private IDocumentCollection<WebhookCursor> Cursors => store.Collection<WebhookCursor>();
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await feed.Open.WaitAsync(stoppingToken);
                var declarations = Channel.CreateUnbounded<IDeclared>(); // not SingleReader: that one cannot count what it holds
                using var live = Observable.Merge<IDeclared>(feed.Results, feed.Mayoralties, feed.Ballots).Subscribe(
                    d => declarations.Writer.TryWrite(d), e => declarations.Writer.TryComplete(e), () => declarations.Writer.TryComplete());
                // Live first, then what was stored before: nothing falls between the two.
                await CatchUpAsync(stoppingToken);
                await foreach (var declared in declarations.Reader.ReadAllAsync(stoppingToken))
                {
                    await RecordAsync(declared, stoppingToken);
                    if (declarations.Reader.Count == 0 || Now - _savedAt >= CursorInterval) await SaveCursorAsync(stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Recording webhook deliveries stopped; starting again from the last declaration recorded.");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>The declarations stored since the cursor (or since the first webhook was registered), oldest first.</summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var cursor = await Cursors.FindAsync(WebhookCursor.DeclarationsId, cancellationToken);
        _saved = _through = cursor?.Through ?? DateTime.MinValue;
        var firstWebhook = await Webhooks.Query().OrderBy(w => w.CreatedAt).Select(w => w.CreatedAt).Take(1).ToListAsync(cancellationToken);
        if (firstWebhook.Count == 0) return;
        var since = cursor is null ? firstWebhook[0] : cursor.Through - ClockMargin;
        var stored = new List<IDeclared>();
        stored.AddRange(await store.Collection<CouncilResult>().Query().Where(r => r.UpdatedAt > since).ToListAsync(cancellationToken));
        stored.AddRange(await store.Collection<Mayoralty>().Query().Where(m => m.UpdatedAt > since).ToListAsync(cancellationToken));
        stored.AddRange(await store.Collection<Ballot>().Query().Where(b => b.UpdatedAt > since).ToListAsync(cancellationToken));
        foreach (var declared in stored.OrderBy(d => d.UpdatedAt)) await RecordAsync(declared, cancellationToken);
        await SaveCursorAsync(cancellationToken);
    }

    private async Task RecordAsync(IDeclared declared, CancellationToken cancellationToken)
    {
        if (!declared.IsDeclared) return; // a ballot as nominated, say
        var (type, stamp) = (declared.GetType(), declared.UpdatedAt);
        var registered = await WebhookQueries.RegisteredBefore(Webhooks.Query(), stamp).ToListAsync(cancellationToken);
        // With no webhook then, there was nothing to record: the cursor need not move (and costs no write).
        if (registered.Count == 0) return;
        var deliveries = new List<WebhookDelivery>();
        foreach (var same in registered.Where(w => renderer.DeclaredType(w.SubscriptionField) == type).GroupBy(w => new WebhookRenderer.Document(w.Query, w.OperationName, w.Variables)))
        {
            if (await renderer.RenderAsync(same.Key, declared, cancellationToken) is not { } body) continue;
            deliveries.AddRange(same.Select(w => Delivery(w, declared, body)));
        }

        // One write for them all; a delivery recorded before (the declaration seen again) is left as it is.
        if ((await store.Collection<WebhookDelivery>().UpsertManyAsync([.. deliveries.Select(d => (d, 0L))], cancellationToken)).Count > 0) sender.Wake();
        if (stamp > _through) _through = stamp;
    }

    private WebhookDelivery Delivery(Webhook webhook, IDeclared declared, string body)
    {
        var version = declared.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new WebhookDelivery
        {
            Id = "whd_" + Hash(webhook.Id, declared.GetType().Name, declared.Id, version),
            WebhookId = webhook.Id,
            EventId = "evt_" + Hash(declared.GetType().Name, declared.Id, version),
            DocumentId = declared.Id,
            DocumentVersion = declared.Version,
            DeclaredAt = declared.UpdatedAt,
            Body = body,
            NextAttemptAt = Now,
            CreatedAt = Now,
        };
    }

    private static string Hash(params string[] parts) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..32];

    private async Task SaveCursorAsync(CancellationToken cancellationToken)
    {
        if (_through <= _saved) return;
        var through = _through;
        var stored = await Cursors.FindAsync(WebhookCursor.DeclarationsId, cancellationToken);
        if (stored is not null && stored.Through >= through) return; // another instance is further on
        try
        {
            await Cursors.UpsertAsync(new WebhookCursor { Id = WebhookCursor.DeclarationsId, Through = through }, stored?.Version ?? 0, cancellationToken);
        }
        catch (VersionConflictException)
        {
            return; // another instance moved it meanwhile: it is saved again after the next declaration
        }

        (_saved, _savedAt) = (through, Now);
    }
}
