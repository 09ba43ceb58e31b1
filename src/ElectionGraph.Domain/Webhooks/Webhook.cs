namespace ElectionGraph.Domain.Webhooks;

/// <summary>
/// A partner's webhook: a subscription document of the public schema whose result is POSTed to the partner's URL for
/// each declaration it matches. Stored beside the data (an internal collection), never part of it.
/// </summary>
public sealed record Webhook : IDocument
{
    /// <summary><c>wh_</c> and random hex.</summary>
    public required string Id { get; init; }

    /// <summary>The id of the API key that registered it: only that key sees and manages it.</summary>
    public required string OwnerKeyId { get; init; }

    public required string Url { get; init; }

    public string? Description { get; init; }

    /// <summary>The subscription document, as registered.</summary>
    public required string Query { get; init; }

    public string? OperationName { get; init; }

    /// <summary>The document's variables as a JSON object (<c>{}</c> for none).</summary>
    public required string Variables { get; init; }

    /// <summary>The subscription field the document selects (<c>councilResultDeclared</c>, …): which declarations can match it.</summary>
    public required string SubscriptionField { get; init; }

    public WebhookStatus Status { get; init; }

    /// <summary>The key deliveries are signed with (HMAC-SHA-256). Shown to the partner once, when made; never by the API again.</summary>
    public required string Secret { get; init; }

    /// <summary>The secret before the last rotation: deliveries are signed with both until <see cref="PreviousSecretUntil"/>.</summary>
    public string? PreviousSecret { get; init; }

    public DateTime? PreviousSecretUntil { get; init; }

    /// <summary>Deliveries in a row that failed every attempt; a delivered one sets it back to 0.</summary>
    public int FailedDeliveries { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When the webhook stopped being called (paused by its owner, or failing); null while active.</summary>
    public DateTime? PausedAt { get; init; }

    public long Version { get; init; }
    public DateTime UpdatedAt { get; init; }

    /// <summary>The secrets a delivery made at <paramref name="now"/> is signed with: the current one first.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTime now) =>
        PreviousSecret is { } previous && PreviousSecretUntil > now ? [Secret, previous] : [Secret];
}

public enum WebhookStatus
{
    /// <summary>Called for each matching declaration.</summary>
    Active,

    /// <summary>Paused by its owner: its deliveries are recorded and held until it is resumed.</summary>
    Paused,

    /// <summary>Paused by the server after deliveries in a row failed every attempt: held, as when paused, until resumed.</summary>
    Failing,

    /// <summary>Deleted by its owner: never called again, and no longer listed.</summary>
    Deleted,
}
