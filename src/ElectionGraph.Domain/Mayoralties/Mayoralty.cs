using System.Text.RegularExpressions;
using ElectionGraph.Domain.Results;

namespace ElectionGraph.Domain.Mayoralties;

/// <summary>One mayoral election, identified Democracy Club style (<c>mayor.bedford.2019-05-02</c>).</summary>
public sealed partial record Mayoralty : IDeclared
{
    /// <summary>
    /// Whether an id has Democracy Club's form of a mayoral ballot: <c>mayor.</c>, the area, the date. The form keeps it
    /// apart from every other id in the graph (an election's has no area, a prefixed id a colon), as global ids must be.
    /// </summary>
    public static bool IsBallotId(string id) => BallotId().IsMatch(id);

    [GeneratedRegex(@"^mayor(\.[a-z0-9-]+)+\.\d{4}-\d{2}-\d{2}\z")]
    private static partial Regex BallotId();

    public required string Id { get; init; }
    public required string ElectionId { get; init; }

    /// <summary>GSS code of the area; null where it is not established.</summary>
    public string? AreaCode { get; init; }
    public required string AreaName { get; init; }

    /// <summary>As the source describes the post: "city mayor", "combined authority mayor", …</summary>
    public string? AreaType { get; init; }
    public required VotingSystem VotingSystem { get; init; }
    public int? Electorate { get; init; }

    /// <summary>Percent of the electorate; null where not found.</summary>
    public decimal? Turnout { get; init; }
    public required IReadOnlyList<Candidate> Candidates { get; init; }

    /// <summary>The elected candidate, kept in the document so mayoralties filter by winner in the store.</summary>
    public MayoralWinner? Winner { get; init; }

    /// <summary>Party of the outgoing mayor; null for a new post.</summary>
    public string? PreviousPartyCode { get; init; }
    public bool NewPost { get; init; }
    public required ResultStatus Status { get; init; }
    public DateTime? DeclaredAt { get; init; }
    /// <summary>The results desk's declarations applied, oldest first (empty for seeded results).</summary>
    public IReadOnlyList<string> DeclarationIds { get; init; } = [];

    /// <summary>Computed, so not stored: a result is stored only once declared, and <see cref="Status"/> has no other value.</summary>
    public bool IsDeclared => Status == ResultStatus.Declared;

    public string? Sources { get; init; }
    public string? Notes { get; init; }

    /// <summary>Practice data (a rehearsal election): never a real result.</summary>
    public bool Test { get; init; }

    public long Version { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <param name="FirstRoundShare">Percent of first preferences, kept where the votes themselves were not published.</param>
/// <param name="SecondRound">Total after second preferences (supplementary vote finalists only).</param>
public sealed record Candidate(
    string Name,
    string PartyCode,
    int? FirstRound,
    decimal? FirstRoundShare,
    int? SecondRound,
    bool Elected) : ICandidate;

/// <summary>A candidate's own result, in a mayoralty's list or in the flattened table of candidates.</summary>
public interface ICandidate
{
    string Name { get; }
    string PartyCode { get; }
    int? FirstRound { get; }
    decimal? FirstRoundShare { get; }
    int? SecondRound { get; }
    bool Elected { get; }
}

public sealed record MayoralWinner(string Name, string PartyCode);

public enum VotingSystem { SupplementaryVote, FirstPastThePost }
