namespace ElectionGraph.Domain.Ballots;

/// <summary>
/// One council's results night so far, ward by ward: how many ballots and seats are declared and still to come, and
/// the seats each party has won in the declared ones. Uncontested ballots count as declared from the start.
/// </summary>
/// <param name="Parties">Parties with a seat so far: most seats first, then by party code.</param>
public sealed record CouncilTally(
    int WardsDeclared,
    int WardsToCome,
    int SeatsDeclared,
    int SeatsToCome,
    IReadOnlyList<PartyTally> Parties)
{
    /// <param name="councilBallots">One council's ballots at one election.</param>
    public static CouncilTally Of(IEnumerable<Ballot> councilBallots)
    {
        var ballots = councilBallots.ToList();
        var declared = ballots.Where(b => b.IsDeclared).ToList();
        var toCome = ballots.Where(b => !b.IsDeclared).ToList();
        var parties = declared
            .SelectMany(b => b.Candidates)
            .Where(c => c.Elected)
            .GroupBy(c => c.PartyCode, StringComparer.Ordinal)
            .Select(g => new PartyTally(g.Key, g.Count()))
            .OrderByDescending(p => p.SeatsWon)
            .ThenBy(p => p.PartyCode, StringComparer.Ordinal)
            .ToList();
        return new CouncilTally(declared.Count, toCome.Count, declared.Sum(b => b.SeatsContested), toCome.Sum(b => b.SeatsContested), parties);
    }
}

/// <summary>A party's seats in a <see cref="CouncilTally"/>.</summary>
public sealed record PartyTally(string PartyCode, int SeatsWon);
