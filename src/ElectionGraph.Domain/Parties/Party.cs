namespace ElectionGraph.Domain.Parties;

/// <summary>A party or group, by a stable code (<c>CON</c>, <c>LAB</c>, <c>LD</c>, …).</summary>
public sealed record Party : IDocument
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string ShortName { get; init; }

    /// <summary>Hex colour (<c>#0087DC</c>); null where no colour is sourced.</summary>
    public string? Colour { get; init; }

    /// <summary>The party this one is counted under in national figures (local groups roll up to IND, RA or OTH).</summary>
    public required string RollupCode { get; init; }

    public long Version { get; init; }
    public DateTime UpdatedAt { get; init; }
}
