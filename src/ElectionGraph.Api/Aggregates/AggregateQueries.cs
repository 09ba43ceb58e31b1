using System.Linq.Expressions;
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
            .GroupBy(GroupKey(groupBy))
            .Select(g => new SeatGroupRow(g.Key, g.Sum(f => f.Won), g.Sum(f => f.Change), g.Count(), g.Sum(f => f.Complete), g.Sum(f => f.ChangeReported)));
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

    /// <summary><c>f => new SeatGroupKey { Region = f.Region, … }</c> with only the grouped members set.</summary>
    private static Expression<Func<SeatFact, SeatGroupKey>> GroupKey(IReadOnlySet<SeatGrouping> groupBy)
    {
        var fact = Expression.Parameter(typeof(SeatFact), "f");
        var bindings = groupBy.Order().Select(grouping =>
        {
            var (keyMember, factMember) = grouping switch
            {
                SeatGrouping.Region => (nameof(SeatGroupKey.Region), nameof(SeatFact.Region)),
                SeatGrouping.CouncilType => (nameof(SeatGroupKey.CouncilType), nameof(SeatFact.CouncilType)),
                SeatGrouping.Nation => (nameof(SeatGroupKey.Nation), nameof(SeatFact.Nation)),
                SeatGrouping.Party => (nameof(SeatGroupKey.PartyCode), nameof(SeatFact.PartyCode)),
                _ => (nameof(SeatGroupKey.ControlAfter), nameof(SeatFact.ControlAfter)),
            };
            var property = typeof(SeatGroupKey).GetProperty(keyMember)!;
            return (MemberBinding)Expression.Bind(property, Expression.Convert(Expression.Property(fact, factMember), property.PropertyType));
        });
        return Expression.Lambda<Func<SeatFact, SeatGroupKey>>(Expression.MemberInit(Expression.New(typeof(SeatGroupKey)), bindings), fact);
    }
}

public enum SeatGrouping { Region, CouncilType, Nation, Party, ControlAfter }
