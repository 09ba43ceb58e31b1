using ElectionGraph.Domain.Councils;

namespace ElectionGraph.Domain.Results;

/// <summary>
/// One council's result at one election. The seat rows are embedded, so a declaration writes one
/// document; the council summary is embedded, so results filter and sort by council fields without a join.
/// </summary>
public sealed record CouncilResult : IDeclared
{
    /// <summary><c>{electionId}:{councilCode}</c>.</summary>
    public required string Id { get; init; }
    public required string ElectionId { get; init; }
    public required CouncilSummary Council { get; init; }
    public required Cycle Cycle { get; init; }

    /// <summary>Seats filled at this election (postponed polls excluded).</summary>
    public required int SeatsUp { get; init; }

    /// <summary>Seats on the whole council after the election.</summary>
    public required int TotalSeats { get; init; }

    public required Control Control { get; init; }

    /// <summary>Percent of the electorate; null where not found.</summary>
    public decimal? Turnout { get; init; }
    public required ResultStatus Status { get; init; }
    public DateTime? DeclaredAt { get; init; }
    public required IReadOnlyList<SeatRow> Seats { get; init; }

    /// <summary>The results desk's declarations applied to this result, oldest first (empty for seeded results).</summary>
    public IReadOnlyList<string> DeclarationIds { get; init; } = [];

    /// <summary>Computed, so not stored: a result is stored only once declared, and <see cref="Status"/> has no other value.</summary>
    public bool IsDeclared => Status == ResultStatus.Declared;

    /// <summary>Where the figures come from, as the compilers recorded it.</summary>
    public string? Sources { get; init; }
    public string? Notes { get; init; }

    /// <summary>Practice data (a rehearsal election): never a real result.</summary>
    public bool Test { get; init; }

    public long Version { get; init; }
    public DateTime UpdatedAt { get; init; }

    public static string IdFor(string electionId, string councilCode) => $"{electionId}:{councilCode}";

    /// <summary>True when the seat rows account for every seat up, so sums over them are totals.</summary>
    public bool SeatsComplete => Seats.Sum(s => s.Won) == SeatsUp;

    /// <summary>True when every seat row reports its change, so a sum of changes is the council's net change.</summary>
    public bool ChangesComplete => Seats.All(s => s.Change is not null);
}

public sealed record CouncilSummary(string Code, string Name, string Region, CouncilType Type, Nation Nation)
{
    public static CouncilSummary Of(Council council) =>
        new(council.Id, council.Name, council.Region, council.Type, council.Nation);
}

/// <param name="Won">Seats won at this election.</param>
/// <param name="Change">Net change against <paramref name="ChangeBasis"/>; null where not reported.</param>
/// <param name="TotalAfter">The party's seats on the whole council afterwards; null where not reported.</param>
public sealed record SeatRow(string PartyCode, int Won, int? Change, ChangeBasis? ChangeBasis, int? TotalAfter);

public enum Cycle { AllOut, Halves, Thirds }

public enum ResultStatus { Declared }

/// <summary>What a seat change is measured against.</summary>
public enum ChangeBasis
{
    /// <summary>The last time the same seats were fought (the basis of the BBC's national figures).</summary>
    PreviousElection,

    /// <summary>The council's make-up just before polling day.</summary>
    CompositionBefore,

    /// <summary>Notional results on new boundaries.</summary>
    Notional,
}
