namespace ElectionGraph.Domain.Mayoralties;

/// <summary>
/// A mayoral candidate with the mayoralty they stood in: the flattened view of candidates, for tables and
/// downloads. Not stored: it is projected from <see cref="Mayoralty"/> inside the store.
/// </summary>
/// <param name="Id"><c>{mayoralty id}:{candidate name}</c>, unique, so it can break ties in any order.</param>
public sealed record MayoralCandidate(
    string Id,
    string ElectionId,
    string MayoraltyId,
    string AreaName,
    string Name,
    string PartyCode,
    int? FirstRound,
    decimal? FirstRoundShare,
    int? SecondRound,
    bool Elected,
    DateTime UpdatedAt) : ICandidate;
