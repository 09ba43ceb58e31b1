using ElectionGraph.Domain.Results;

namespace ElectionGraph.Domain.Ballots;

/// <summary>
/// One candidate in one ward contest, with the ballot and council: the flattened view partners list candidates from.
/// Not stored: it is projected from <see cref="Ballot"/> inside the store, as <see cref="SeatChange"/> is from results.
/// </summary>
/// <param name="Id"><c>{ballotId}:{candidate name}</c>, unique (a ballot never lists a name twice), so it can break ties in any order.</param>
public sealed record Candidacy(
    string Id,
    string ElectionId,
    string BallotId,
    CouncilSummary Council,
    Ward Ward,
    int SeatsContested,
    bool Uncontested,
    string Name,
    string PartyCode,
    int? Votes,
    decimal? Share,
    bool Elected,
    DateTime UpdatedAt);
