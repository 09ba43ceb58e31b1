using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ElectionGraph.Api.Conventions;
using ElectionGraph.Domain.Webhooks;
using ElectionGraph.Storage;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Webhooks;

/// <summary>
/// A key's webhooks: registered, listed, paused, resumed, given a new secret and deleted by the key that registered
/// them, and by no other: another key's webhook is, to a caller, one that does not exist (<c>NOT_FOUND</c>).
/// </summary>
public sealed class WebhookRegistry(
    IDocumentStore store, WebhookRenderer renderer, CallbackPolicy policy, WebhookSender sender, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const int MaxDescriptionLength = 200, MaxDeliveriesListed = 100;

    /// <param name="Secret">The signing secret: shown to the partner this once.</param>
    public sealed record Created(Webhook Webhook, string Secret);

    /// <param name="Variables">The document's variables, as a JSON object.</param>
    public sealed record Registration(string Url, string Query, string? OperationName, string Variables, string? Description);

    private IDocumentCollection<Webhook> Webhooks => store.Collection<Webhook>();
    private IDocumentCollection<WebhookDelivery> Deliveries => store.Collection<WebhookDelivery>();
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <exception cref="GraphQL.ExecutionError">What is wrong with the registration (<c>INVALID_WEBHOOK</c>, or the document's validation errors), or <c>TOO_MANY_WEBHOOKS</c>.</exception>
    public async Task<Created> CreateAsync(string owner, Registration registration, CancellationToken cancellationToken)
    {
        if (registration.Description?.Length > MaxDescriptionLength) throw WebhookError.NotRegistered($"description: at most {MaxDescriptionLength} characters");
        if (policy.Problem(registration.Url) is { } problem) throw WebhookError.NotRegistered(problem);
        if (Encoding.UTF8.GetByteCount(registration.Variables) > options.Value.MaxVariablesBytes) throw WebhookError.NotRegistered($"variables: at most {options.Value.MaxVariablesBytes} bytes of JSON");
        var field = await renderer.CheckAsync(new WebhookRenderer.Document(registration.Query, registration.OperationName, registration.Variables), cancellationToken);
        if ((await ListAsync(owner, cancellationToken)).Count >= options.Value.MaxPerKey)
            throw new WebhookError(WebhookError.TooMany, $"A key may have {options.Value.MaxPerKey} webhooks: delete one first.");

        var secret = NewSecret();
        var webhook = new Webhook
        {
            Id = "wh_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            OwnerKeyId = owner,
            Url = registration.Url,
            Description = registration.Description,
            Query = registration.Query,
            OperationName = registration.OperationName,
            Variables = registration.Variables,
            SubscriptionField = field,
            Secret = secret,
            CreatedAt = Now,
        };
        return new Created(await Webhooks.UpsertAsync(webhook, expectedVersion: 0, cancellationToken), secret);
    }

    /// <summary>The key's webhooks, oldest first.</summary>
    public async Task<IReadOnlyList<Webhook>> ListAsync(string owner, CancellationToken cancellationToken) =>
        await WebhookQueries.Owned(Webhooks.Query(), owner).ToListAsync(cancellationToken);

    /// <exception cref="WebhookError"><c>NOT_FOUND</c>: no such webhook of this key's.</exception>
    public async Task<Webhook> FindAsync(string owner, string id, CancellationToken cancellationToken) =>
        Own(owner, id, await Webhooks.FindAsync(id, cancellationToken));

    /// <summary>Stops calling it: deliveries are recorded and held until it is resumed.</summary>
    public Task<Webhook> PauseAsync(string owner, string id, CancellationToken cancellationToken) =>
        ChangeAsync(owner, id, w => w.Status == WebhookStatus.Paused ? w : w with { Status = WebhookStatus.Paused, PausedAt = Now }, cancellationToken);

    /// <summary>Calls it again (a failing one too, its failures forgotten), starting with the deliveries held meanwhile.</summary>
    public async Task<Webhook> ResumeAsync(string owner, string id, CancellationToken cancellationToken)
    {
        var webhook = await ChangeAsync(owner, id, w => w.Status == WebhookStatus.Active ? w : w with { Status = WebhookStatus.Active, PausedAt = null, FailedDeliveries = 0 }, cancellationToken);
        // After the webhook is active: a delivery the sender holds from now on, it sees active and releases itself.
        var held = await WebhookQueries.Held(Deliveries.Query(), id).ToListAsync(cancellationToken);
        await Deliveries.UpsertManyAsync([.. held.Select(d => (d with { NextAttemptAt = Now }, d.Version))], cancellationToken);
        sender.Wake();
        return webhook;
    }

    /// <summary>A new signing secret, shown this once; deliveries are signed with the old one too for the grace period.</summary>
    public async Task<Created> RotateSecretAsync(string owner, string id, CancellationToken cancellationToken)
    {
        var secret = NewSecret();
        var grace = TimeSpan.FromHours(options.Value.RotationGraceHours);
        var webhook = await ChangeAsync(owner, id, w => w with { Secret = secret, PreviousSecret = w.Secret, PreviousSecretUntil = Now + grace }, cancellationToken);
        return new Created(webhook, secret);
    }

    /// <summary>Never called again: its pending deliveries are cancelled, its secrets forgotten, and it is no longer listed.</summary>
    public Task<Webhook> DeleteAsync(string owner, string id, CancellationToken cancellationToken) =>
        ChangeAsync(owner, id, w => w with { Status = WebhookStatus.Deleted, Secret = "", PreviousSecret = null, PreviousSecretUntil = null }, cancellationToken);

    /// <summary>A webhook's deliveries, newest first.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(string webhookId, int first, DeliveryStatus? status, CancellationToken cancellationToken) =>
        await WebhookQueries.Recent(Deliveries.Query(), webhookId, status, Math.Clamp(first, 0, MaxDeliveriesListed)).ToListAsync(cancellationToken);

    private async Task<Webhook> ChangeAsync(string owner, string id, Func<Webhook, Webhook> change, CancellationToken cancellationToken)
    {
        await FindAsync(owner, id, cancellationToken); // its owner's (for ever), and not deleted
        // One deleted meanwhile stays deleted, whatever the change: the answer says so.
        return await Webhooks.ChangeAsync(id, w => w.Status == WebhookStatus.Deleted ? w : change(w), cancellationToken) ?? throw NotFound(id);
    }

    private static Webhook Own(string owner, string id, Webhook? webhook) =>
        webhook is { Status: not WebhookStatus.Deleted } && webhook.OwnerKeyId == owner
            ? webhook
            : throw NotFound(id);

    private static WebhookError NotFound(string id) => new(WebhookError.NotFound, $"You have no webhook '{id}'.");

    /// <summary>32 random bytes: <c>whsec_</c> and their base64url. The whole string is the HMAC key.</summary>
    private static string NewSecret() => "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
