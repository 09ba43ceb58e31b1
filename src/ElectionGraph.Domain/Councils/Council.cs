namespace ElectionGraph.Domain.Councils;

/// <summary>A local authority, identified by its ONS GSS code (<c>E06000022</c>).</summary>
public sealed record Council : IDocument
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required CouncilType Type { get; init; }
    public required string Region { get; init; }
    public required Nation Nation { get; init; }

    /// <summary>Its place on the hex map partners draw; null for a council the layout does not have.</summary>
    public HexPosition? Hex { get; init; }

    public long Version { get; init; }
    public DateTime UpdatedAt { get; init; }
}

public enum CouncilType
{
    MetropolitanBorough,
    Unitary,
    District,
    County,
    LondonBorough,
    NorthernIrelandDistrict,
}
