namespace ElectionGraph.Domain.Webhooks;

/// <summary>
/// One declaration on its way to one webhook: recorded before it is first attempted, so a restart (or another
/// instance, once the lease has run out) takes it up where it was left.
/// </summary>
public sealed record WebhookDelivery : IDocument
{
    /// <summary><c>whd_</c> and a hash of the webhook and the document's version: one delivery per webhook per version, however often it is recorded.</summary>
    public required string Id { get; init; }

    public required string WebhookId { get; init; }

    /// <summary><c>evt_</c> and a hash of the document's version: the same for every webhook the declaration reaches, and on every attempt.</summary>
    public required string EventId { get; init; }

    /// <summary>The declared document (a council result, mayoralty or ballot) and its version: a receiver keeps the highest version it has seen.</summary>
    public required string DocumentId { get; init; }

    public long DocumentVersion { get; init; }

    /// <summary>When the declaration was stored.</summary>
    public DateTime DeclaredAt { get; init; }

    /// <summary>The webhook's document's GraphQL result for the declaration: the request body, the same on every attempt.</summary>
    public required string Body { get; init; }

    public DeliveryStatus Status { get; init; }

    public IReadOnlyList<DeliveryAttempt> Attempts { get; init; } = [];

    /// <summary>When the next attempt is due; null while its webhook is paused (the delivery is held).</summary>
    public DateTime? NextAttemptAt { get; init; }

    /// <summary>Until when an instance is attempting it: no other takes it before then.</summary>
    public DateTime? LeaseUntil { get; init; }

    public string? LeasedBy { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? DeliveredAt { get; init; }

    public long Version { get; init; }
    public DateTime UpdatedAt { get; init; }
}

public enum DeliveryStatus
{
    /// <summary>Not yet delivered: due at <see cref="WebhookDelivery.NextAttemptAt"/>, or held while its webhook is paused.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed.</summary>
    Failed,

    /// <summary>Its webhook was deleted before it was delivered.</summary>
    Cancelled,
}

/// <summary>One POST of a delivery.</summary>
/// <param name="StatusCode">The receiver's HTTP status; null when there was no answer (refused, timed out).</param>
/// <param name="Error">Why it failed, for the partner: "HTTP 503", "timed out after 10 s", …; null on success.</param>
public sealed record DeliveryAttempt(DateTime At, int DurationMs, int? StatusCode, string? Error);
