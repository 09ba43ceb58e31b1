using System.Text.RegularExpressions;
using ElectionGraph.Domain.Results;

namespace ElectionGraph.Domain.Ballots;

/// <summary>
/// One ward contest: the candidates of one ballot paper and how they did. Identified Democracy Club style
/// (<c>local.bath-and-north-east-somerset.abbey.2019-05-02</c>); the council summary is embedded, as in
/// <see cref="CouncilResult"/>, so ballots filter and sort by council fields without a join.
/// </summary>
public sealed partial record Ballot : IDeclared
{
    /// <summary>
    /// Whether an id has Democracy Club's form of a local ballot paper: <c>local.</c>, the council, the ward, the date,
    /// the slugs lowercase with hyphens. The form keeps it apart from every other id in the graph (an election's has no
    /// council or ward, a mayoralty's starts <c>mayor.</c>, a prefixed id has a colon).
    /// </summary>
    public static bool IsBallotId(string id) => BallotId().IsMatch(id);

    [GeneratedRegex(@"^local\.[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*\.\d{4}-\d{2}-\d{2}\z")]
    private static partial Regex BallotId();

    public required string Id { get; init; }
    public required string ElectionId { get; init; }
    public required CouncilSummary Council { get; init; }
    public required Ward Ward { get; init; }

    /// <summary>Seats this ballot fills: as many candidates are elected.</summary>
    public required int SeatsContested { get; init; }

    /// <summary>Returned unopposed: no poll was held, so no candidate has votes.</summary>
    public required bool Uncontested { get; init; }

    /// <summary>
    /// Once declared, by votes, most first (elected first among equal votes: a tie decided by lot), then by name; while
    /// awaiting the count, by name.
    /// </summary>
    public required IReadOnlyList<BallotCandidate> Candidates { get; init; }

    /// <summary>Percent of the ward's electorate; null where not found (the 2019 ward data has none).</summary>
    public decimal? Turnout { get; init; }

    /// <summary>An uncontested ballot is declared from the close of nominations: its candidates were returned unopposed.</summary>
    public required BallotStatus Status { get; init; }

    /// <summary>When the count was declared; null before it, and for seeded and uncontested ballots.</summary>
    public DateTime? DeclaredAt { get; init; }

    /// <summary>The results desk's declarations applied to this ballot, oldest first (empty for seeded ballots).</summary>
    public IReadOnlyList<string> DeclarationIds { get; init; } = [];

    /// <summary>Computed, so not stored: in the store, <see cref="Status"/> says it.</summary>
    public bool IsDeclared => Status == BallotStatus.Declared;

    public long Version { get; init; }
    public DateTime UpdatedAt { get; init; }

    // Derived from the candidates and stored too (DocumentMaps), so MongoDB can filter and sort on them; worked out
    // once per candidate list (BallotCount.FiguresOf), as the embedded store reads them for every ballot it sorts.

    /// <summary>Every candidate's votes added up; null where uncontested or not yet counted.</summary>
    public int? TotalVotes => BallotCount.FiguresOf(Candidates).TotalVotes;

    /// <inheritdoc cref="BallotCount.Majority"/>
    public int? Majority => BallotCount.FiguresOf(Candidates).Majority;

    /// <summary>The majority in percentage points of <see cref="TotalVotes"/> (<see cref="BallotCount.Share"/>).</summary>
    public decimal? MajorityShare => BallotCount.FiguresOf(Candidates).MajorityShare;

    /// <summary>
    /// The ballot as it stands on polling day: its candidates known, in name order, none with votes or elected, and no
    /// declaration applied. An uncontested ballot is returned as it is: its candidates were elected at nominations.
    /// </summary>
    public Ballot AsNominated() => Uncontested
        ? this
        : this with
        {
            Status = BallotStatus.Awaiting,
            DeclaredAt = null,
            DeclarationIds = [],
            Candidates = Candidates.Select(c => c with { Votes = null, Share = null, Elected = false })
                .OrderBy(c => c.Name, StringComparer.Ordinal).ToList(),
        };
}

/// <param name="Code">The ward's ONS GSS code; null where the source has none.</param>
public sealed record Ward(string Name, string? Code);

/// <param name="Votes">
/// The candidate's votes, null where uncontested or not yet counted. Under first past the post the only round; a count
/// with rounds (STV) would keep its first preferences here and its rounds and transfers beside them, so this stays the
/// first-round figure.
/// </param>
/// <param name="Share">Percent of the ballot's total votes (<see cref="BallotCount.Share"/>); null where uncontested or not yet counted.</param>
public sealed record BallotCandidate(string Name, string PartyCode, int? Votes, decimal? Share, bool Elected);
