using ElectionGraph.Domain;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Results;

namespace ElectionGraph.Api.Aggregates;

// The rows the store computes; each aggregate is one or two store-side group-bys over results.

/// <summary>A party's seats summed over a slice, with how many of its seat rows are complete or report a change.</summary>
public sealed record PartySeatRow(string PartyCode, int Won, int Change, int Councils, int Complete, int ChangeReported);

/// <summary>Results grouped by control before and after.</summary>
public sealed record TransitionRow(string? From, string To, int Count, int Complete, int ChangeReported, List<CouncilSummary> Councils);

/// <summary>A seat row (or a council's seats together) with the keys a summary can group by.</summary>
public sealed record SeatFact(
    string Region, CouncilType CouncilType, Nation Nation, string? PartyCode, string ControlAfter,
    int Won, int Change, int Complete, int ChangeReported);

/// <summary>A group key: the members not grouped by stay null. A record, so groups compare by value in memory.</summary>
public sealed record SeatGroupKey
{
    public string? Region { get; set; }
    public CouncilType? CouncilType { get; set; }
    public Nation? Nation { get; set; }
    public string? PartyCode { get; set; }
    public string? ControlAfter { get; set; }

    /// <summary>The member of the key (and of <see cref="SeatFact"/>) a grouping sets.</summary>
    public static string Member(SeatGrouping grouping) => grouping switch
    {
        SeatGrouping.Region => nameof(Region),
        SeatGrouping.CouncilType => nameof(CouncilType),
        SeatGrouping.Nation => nameof(Nation),
        SeatGrouping.Party => nameof(PartyCode),
        _ => nameof(ControlAfter),
    };
}

public sealed record SeatGroupRow(SeatGroupKey Key, int Won, int Change, int Councils, int Complete, int ChangeReported);

public sealed record MayoralPartyRow(string PartyCode, int Won, int Holds, int Gains, int NewPosts);

/// <summary>
/// A candidacy (with its party) or a whole ballot (party null) with the keys a vote total can group by. A ballot's
/// fact carries what the party share is of: its total votes, and whether it was contested (a count declared) or awaits
/// its count.
/// </summary>
public sealed record VoteFact(
    string Region, CouncilType CouncilType, Nation Nation, string CouncilCode, string? PartyCode,
    int Votes, int Candidates, int Won, int WonUnopposed, int Contested, int Uncontested, int UncontestedSeats, int Awaiting);

/// <summary>A vote group's key: the members not grouped by stay null.</summary>
public sealed record VoteGroupKey
{
    public string? Region { get; set; }
    public CouncilType? CouncilType { get; set; }
    public Nation? Nation { get; set; }
    public string? CouncilCode { get; set; }
    public string? PartyCode { get; set; }

    /// <summary>The member of the key (and of <see cref="VoteFact"/>) a grouping sets.</summary>
    public static string Member(VoteGrouping grouping) => grouping switch
    {
        VoteGrouping.Region => nameof(Region),
        VoteGrouping.CouncilType => nameof(CouncilType),
        VoteGrouping.Nation => nameof(Nation),
        VoteGrouping.Council => nameof(CouncilCode),
        _ => nameof(PartyCode),
    };
}

public sealed record VoteGroupRow(
    VoteGroupKey Key, int Votes, int Candidates, int Won, int WonUnopposed, int Contested, int Uncontested, int UncontestedSeats, int Awaiting);
