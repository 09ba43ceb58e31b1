namespace ElectionGraph.Domain.Access;

/// <summary>
/// A partner's (or the desk's, or an administrator's) API key, as the server keeps it: the key itself is
/// never stored, only its hash, and a prefix short enough to recognise the key but not to use it.
/// </summary>
public sealed record ApiKey : IDocument
{
    /// <summary><c>key_</c> and random hex, never derived from the key, so ids can be shown and logged.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Who to call about this key (an email address, say).</summary>
    public string? Contact { get; init; }

    /// <summary>Names from <see cref="Roles"/>.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Limits of this key's own; null for the server's defaults.</summary>
    public ApiKeyBudget? Budget { get; init; }

    /// <summary>The key's first characters (<c>eg_live_AbCdEf</c>): enough to tell keys apart or find a leaked one.</summary>
    public required string Prefix { get; init; }

    /// <summary>SHA-256 of the whole key, lowercase hex.</summary>
    public required string Hash { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When the key was last presented, to within the server's recording interval; null if never.</summary>
    public DateTime? LastUsedAt { get; init; }

    /// <summary>When the key stopped working; null while it works.</summary>
    public DateTime? RevokedAt { get; init; }

    public long Version { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>A key's own limits; each null one is the server's default.</summary>
/// <param name="CostPerMinute">Query cost points restored per minute.</param>
/// <param name="RequestsPerMinute">Requests per minute, whatever their cost.</param>
/// <param name="WebSocketConnections">WebSocket connections open at once.</param>
/// <param name="EventStreams">Server-Sent Events streams open at once.</param>
public sealed record ApiKeyBudget(int? CostPerMinute, int? RequestsPerMinute, int? WebSocketConnections, int? EventStreams);
