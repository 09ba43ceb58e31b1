namespace ElectionGraph.Domain.Elections;

/// <summary>One polling day's elections, identified Democracy Club style (<c>local.2019-05-02</c>).</summary>
public sealed record Election : IDocument
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required DateOnly Date { get; init; }
    public required IReadOnlyList<Nation> Nations { get; init; }
    public required ElectionStatus Status { get; init; }

    /// <summary>Projected national share (the BBC's PNS), when one was published.</summary>
    public IReadOnlyList<ProjectedShare> ProjectedShare { get; init; } = [];

    /// <summary>Officially reported national totals, kept beside the totals computed from the results.</summary>
    public IReadOnlyList<ReportedTotal> ReportedTotals { get; init; } = [];

    /// <summary>A rehearsal election: its results are practice data, flagged as such wherever they appear.</summary>
    public bool Test { get; init; }

    public long Version { get; init; }
    public DateTime UpdatedAt { get; init; }
}

public enum ElectionStatus { Scheduled, Counting, Complete }

/// <param name="Share">Percent of the vote.</param>
/// <param name="Change">Change in percentage points since the previous comparable projection.</param>
public sealed record ProjectedShare(string PartyCode, decimal Share, decimal? Change, string? Source);

/// <summary>
/// A national figure as it was reported. <see cref="PartyCodes"/> holds one party, or several when the
/// source reported them together (e.g. independents, residents and others as one figure).
/// </summary>
public sealed record ReportedTotal(
    Nation Nation,
    IReadOnlyList<string> PartyCodes,
    int? SeatsWon,
    int? SeatsChange,
    int? CouncilsControlled,
    int? CouncilsChange,
    string? Source);
