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
    /// Where some seats are not accounted for (a total not reported, a poll postponed), no overall control is
    /// still certain if no party could reach a majority even with all of them; otherwise it cannot be told (null).
    /// </summary>
    public static string? Decide(IEnumerable<SeatRow> seats, int totalSeats)
    {
        var known = seats.Where(s => s.TotalAfter is not null).ToList();
        var majority = known.FirstOrDefault(s => s.TotalAfter * 2 > totalSeats);
        if (majority is not null) return majority.PartyCode;
        var unaccounted = totalSeats - known.Sum(s => s.TotalAfter!.Value);
        var largest = known.Select(s => s.TotalAfter!.Value).DefaultIfEmpty(0).Max();
        return (largest + unaccounted) * 2 > totalSeats ? null : NoOverallControl;
    }
}
