namespace ElectionGraph.Domain.Results;

/// <summary>
/// A seat row with its council and control: the flattened view partners chart seat changes from.
/// Not stored: it is projected from <see cref="CouncilResult"/> inside the store.
/// </summary>
/// <param name="Id"><c>{resultId}:{partyCode}</c>, unique, so it can break ties in any order.</param>
public sealed record SeatChange(
    string Id,
    string ElectionId,
    string PartyCode,
    int Won,
    int? Change,
    ChangeBasis? ChangeBasis,
    int? TotalAfter,
    CouncilSummary Council,
    Control Control,
    DateTime UpdatedAt);
