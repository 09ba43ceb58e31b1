namespace ElectionGraph.Domain.Webhooks;

/// <summary>
/// How far the declarations have been turned into deliveries: after a restart, those stored since (less a margin for
/// clocks) are looked at again, so none stored while the server was down or crashing is missed.
/// </summary>
public sealed record WebhookCursor : IDocument
{
    public const string DeclarationsId = "declarations";

    public required string Id { get; init; }

    /// <summary>The latest <c>updatedAt</c> of a declaration whose deliveries are recorded.</summary>
    public DateTime Through { get; init; }

    public long Version { get; init; }
    public DateTime UpdatedAt { get; init; }
}
