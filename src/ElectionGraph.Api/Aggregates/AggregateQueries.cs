using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Results;

namespace ElectionGraph.Api.Aggregates;

/// <summary>
/// The aggregations as LINQ over the store's queryables: grouped in memory on the embedded store, run as
/// MongoDB aggregation pipelines on Mongo. Only the grouped rows come back to the API.
/// </summary>
public static class AggregateQueries
{
    public static IQueryable<PartySeatRow> SeatsByParty(IQueryable<CouncilResult> results) =>
        results
            .SelectMany(r => r.Seats, (r, s) => new SeatFact(
                r.Council.Region, r.Council.Type, r.Council.Nation, s.PartyCode, r.Control.After,
                s.Won, s.Change ?? 0, r.SeatsComplete ? 1 : 0, s.Change != null ? 1 : 0))
            .GroupBy(f => f.PartyCode)
            .Select(g => new PartySeatRow(g.Key!, g.Sum(f => f.Won), g.Sum(f => f.Change), g.Count(), g.Sum(f => f.Complete), g.Sum(f => f.ChangeReported)));

    /// <summary>Results by (control before, control after), each with its councils in name order.</summary>
    public static IQueryable<TransitionRow> Transitions(IQueryable<CouncilResult> results) =>
        results
            .OrderBy(r => r.Council.Name)
            .GroupBy(r => new { r.Control.Before, r.Control.After })
            .Select(g => new TransitionRow(
                g.Key.Before, g.Key.After, g.Count(),
                g.Sum(r => r.SeatsComplete ? 1 : 0), g.Sum(r => r.ChangesComplete ? 1 : 0),
                g.Select(r => r.Council).ToList()));

    public static IQueryable<SeatGroupRow> SeatGroups(IQueryable<CouncilResult> results, IReadOnlySet<SeatGrouping> groupBy)
    {
        // Grouped by party: one fact a seat row. Otherwise one a council, its seats summed in the store.
        var facts = groupBy.Contains(SeatGrouping.Party)
            ? results.SelectMany(r => r.Seats, (r, s) => new SeatFact(
                r.Council.Region, r.Council.Type, r.Council.Nation, s.PartyCode, r.Control.After,
                s.Won, s.Change ?? 0, r.SeatsComplete ? 1 : 0, s.Change != null ? 1 : 0))
            : results.Select(r => new SeatFact(
                r.Council.Region, r.Council.Type, r.Council.Nation, null, r.Control.After,
                r.Seats.Sum(s => s.Won), r.Seats.Sum(s => s.Change ?? 0), r.SeatsComplete ? 1 : 0, r.ChangesComplete ? 1 : 0));
        return facts
            .GroupBy(GroupKeys.Of<SeatFact, SeatGroupKey>(groupBy.Order().Select(SeatGroupKey.Member)))
            .Select(g => new SeatGroupRow(g.Key, g.Sum(f => f.Won), g.Sum(f => f.Change), g.Count(), g.Sum(f => f.Complete), g.Sum(f => f.ChangeReported)));
    }

    /// <summary>
    /// Votes, candidates and seats of a slice of ballots, grouped by <paramref name="groupBy"/>: one fact a candidacy
    /// when grouped by party, else one a ballot (its total votes and seats). Run again without the party, it gives the
    /// whole vote a party's share is of.
    /// </summary>
    public static IQueryable<VoteGroupRow> VoteGroups(IQueryable<Ballot> ballots, IReadOnlySet<VoteGrouping> groupBy)
    {
        var facts = groupBy.Contains(VoteGrouping.Party)
            ? ballots.SelectMany(b => b.Candidates, (b, c) => new VoteFact(
                b.Council.Region, b.Council.Type, b.Council.Nation, b.Council.Code, c.PartyCode,
                c.Votes ?? 0, 1, c.Elected ? 1 : 0, b.Uncontested && c.Elected ? 1 : 0, 0, 0, 0, 0))
            : ballots.Select(b => new VoteFact(
                b.Council.Region, b.Council.Type, b.Council.Nation, b.Council.Code, null,
                b.TotalVotes ?? 0, b.Candidates.Count, b.Candidates.Count(c => c.Elected), b.Uncontested ? b.SeatsContested : 0,
                b.Status == BallotStatus.Declared && !b.Uncontested ? 1 : 0, b.Uncontested ? 1 : 0, b.Uncontested ? b.SeatsContested : 0,
                b.Status == BallotStatus.Awaiting ? 1 : 0));
        return facts
            .GroupBy(GroupKeys.Of<VoteFact, VoteGroupKey>(groupBy.Order().Select(VoteGroupKey.Member)))
            .Select(g => new VoteGroupRow(
                g.Key, g.Sum(f => f.Votes), g.Sum(f => f.Candidates), g.Sum(f => f.Won), g.Sum(f => f.WonUnopposed),
                g.Sum(f => f.Contested), g.Sum(f => f.Uncontested), g.Sum(f => f.UncontestedSeats), g.Sum(f => f.Awaiting)));
    }

    public static IQueryable<MayoralPartyRow> MayorsByParty(IQueryable<Mayoralty> mayoralties) =>
        mayoralties
            .Where(m => m.Winner != null)
            .GroupBy(m => m.Winner!.PartyCode)
            .Select(g => new MayoralPartyRow(
                g.Key, g.Count(),
                g.Sum(m => m.PreviousPartyCode == m.Winner!.PartyCode ? 1 : 0),
                g.Sum(m => m.PreviousPartyCode != null && m.PreviousPartyCode != m.Winner!.PartyCode ? 1 : 0),
                g.Sum(m => m.NewPost ? 1 : 0)));
}

public enum SeatGrouping { Region, CouncilType, Nation, Party, ControlAfter }

public enum VoteGrouping { Region, CouncilType, Nation, Council, Party }
