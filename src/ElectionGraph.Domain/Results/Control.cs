namespace ElectionGraph.Domain.Results;

/// <summary>Who controls a council: a party code, or <see cref="NoOverallControl"/>.</summary>
/// <param name="Before">Null where there was no predecessor council or it is not known.</param>
/// <param name="Changed">Null when <paramref name="Before"/> is unknown.</param>
public sealed record Control(string? Before, string After, bool? Changed)
{
    public const string NoOverallControl = "NOC";

    public static Control Of(string? before, string after) =>
        new(before, after, before is null ? null : before != after);

    /// <summary>
    /// Control after an election: the party holding more than half of all seats, else no overall control.
    /// Null when no party has a majority and the known totals do not cover every seat, so it cannot be told.
    /// </summary>
    public static string? Decide(IEnumerable<SeatRow> seats, int totalSeats)
    {
        var known = seats.Where(s => s.TotalAfter is not null).ToList();
        var majority = known.FirstOrDefault(s => s.TotalAfter * 2 > totalSeats);
        if (majority is not null) return majority.PartyCode;
        return known.Sum(s => s.TotalAfter) == totalSeats ? NoOverallControl : null;
    }
}
