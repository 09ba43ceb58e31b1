using ElectionGraph.Api.Ballots;
using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Conventions.Paging;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Mayoralties;
using ElectionGraph.Api.Results;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Aggregates;

/// <summary>
/// The aggregation fields of the query root. Each takes the same <c>where</c> as its list field, so a
/// partner can total any slice they can list.
/// </summary>
public static class AggregateFields
{
    private const string ElectionId = "electionId";

    public static void AddAggregateFields(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartyTotalGraphType>>>>("partyTotals")
            .Description("Seats and councils per party over the results that match, most seats first.")
            .Costs(2 * FieldCost.Grouping).ExpectedItems(100) // 84 parties won seats in 2019
            .Argument<NonNullGraphType<IdGraphType>>(ElectionId)
            .Argument<FilterInputGraphType<CouncilResult>>("where", "The same conditions as councilResults.")
            .ResolveAsync(async context => await context.OncePerDataVersion(async () => await PartyTotalsAsync(
                Slice(context),
                await CountingAsync(context.Documents<CouncilResult>(), context.Documents<Ballot>(), context.Raw("where") as IDictionary<string, object?>,
                    context.GetArgument<string>(ElectionId), context.CancellationToken),
                context.CancellationToken)));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ControlTransitionGraphType>>>>("controlTransitions")
            .Description("Councils by control before → after: by default only where control changed; most councils first.")
            .Costs(FieldCost.Grouping).ExpectedItems(20)
            .Argument<NonNullGraphType<IdGraphType>>(ElectionId)
            .Argument<FilterInputGraphType<CouncilResult>>("where", "The same conditions as councilResults.")
            .Argument<BooleanGraphType>("includeUnchanged", arg =>
            {
                arg.DefaultValue = false;
                arg.Description = "Also list holds, and councils whose control before is not known.";
            })
            .ResolveAsync(async context => await context.OncePerDataVersion(async () =>
            {
                var all = context.GetArgument<bool>("includeUnchanged");
                var rows = await AggregateQueries.Transitions(all ? Slice(context) : Slice(context).Where(r => r.Control.Changed == true))
                    .ToListAsync(context.CancellationToken);
                return rows
                    .Select(r => new ControlTransition(r.From, r.To, r.Count, r.Councils, new Coverage(r.Count, r.Complete, r.ChangeReported)))
                    .OrderByDescending(t => t.Count).ThenBy(t => t.From, StringComparer.Ordinal).ThenBy(t => t.To, StringComparer.Ordinal)
                    .ToList();
            }));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SeatGroupGraphType>>>>("seatSummary")
            .Description("Seats summed by the chosen keys (none: one group for the whole slice).")
            .Costs(FieldCost.Grouping).ExpectedItems(100)
            .Argument<NonNullGraphType<IdGraphType>>(ElectionId)
            .Argument<FilterInputGraphType<CouncilResult>>("where", "The same conditions as councilResults.")
            .Argument<ListGraphType<NonNullGraphType<EnumerationGraphType<SeatGrouping>>>>("groupBy", "Keys to group by, e.g. [REGION, PARTY].")
            .ResolveAsync(async context => await context.OncePerDataVersion(async () =>
            {
                var groupBy = (context.GetArgument<List<SeatGrouping>?>("groupBy") ?? []).ToHashSet();
                var rows = await AggregateQueries.SeatGroups(Slice(context), groupBy).ToListAsync(context.CancellationToken);
                return rows
                    .Select(r => new SeatGroup(r.Key, r.Won, r.Change, r.Councils, new Coverage(r.Councils, r.Complete, r.ChangeReported)))
                    .OrderBy(g => g.Key.Nation).ThenBy(g => g.Key.Region, StringComparer.Ordinal).ThenBy(g => g.Key.CouncilType)
                    .ThenBy(g => g.Key.ControlAfter, StringComparer.Ordinal).ThenByDescending(g => g.SeatsWon).ThenBy(g => g.Key.PartyCode, StringComparer.Ordinal)
                    .ToList();
            }));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<VoteTotalGraphType>>>>("voteTotals")
            .Description("Votes, share of the vote, candidates and seats over the ward ballots that match, summed by the chosen keys " +
                         "(none: one total for the whole slice), e.g. each party's share of the vote by region: groupBy: [REGION, PARTY].")
            .Costs(2 * FieldCost.Grouping).ExpectedItems(100)
            .Argument<NonNullGraphType<IdGraphType>>(ElectionId)
            .Argument<FilterInputGraphType<Ballot>>("where", "The same conditions as ballots.")
            .Argument<ListGraphType<NonNullGraphType<EnumerationGraphType<VoteGrouping>>>>("groupBy", "Keys to group by, e.g. [REGION, PARTY].")
            .ResolveAsync(async context => await context.OncePerDataVersion(() => VoteTotalsAsync(
                ListQuery.Filtered(context, BallotQueries.ForElection(context.Documents<Ballot>(), context.GetArgument<string>(ElectionId))),
                (context.GetArgument<List<VoteGrouping>?>("groupBy") ?? []).ToHashSet(), context.CancellationToken)));

        query.Field<NonNullGraphType<MayoralSummaryGraphType>>("mayoralSummary")
            .Description("Mayoral winners by party, holds and gains.")
            .Costs(FieldCost.Grouping + FieldCost.Count)
            .Argument<NonNullGraphType<IdGraphType>>(ElectionId)
            .Argument<FilterInputGraphType<Mayoralty>>("where", "The same conditions as mayoralties.")
            .ResolveAsync(async context => await context.OncePerDataVersion(async () =>
            {
                var mayoralties = ListQuery.Filtered(context, MayoraltyQueries.ForElection(context.Documents<Mayoralty>(), context.GetArgument<string>(ElectionId)));
                var byParty = await AggregateQueries.MayorsByParty(mayoralties).ToListAsync(context.CancellationToken);
                return new MayoralSummary(
                    await mayoralties.CountAsync(context.CancellationToken), byParty.Sum(p => p.Won),
                    byParty.Sum(p => p.Holds), byParty.Sum(p => p.Gains), byParty.Sum(p => p.NewPosts),
                    byParty.OrderByDescending(p => p.Won).ThenBy(p => p.PartyCode, StringComparer.Ordinal).ToList());
            }));
    }

    /// <summary>
    /// Seats from one grouping, councils from another, and the running tally of the councils still counting (their
    /// declared wards, <paramref name="counting"/>) from a third: each runs in the store; only their rows are combined here.
    /// </summary>
    public static async Task<IReadOnlyList<PartyTotal>> PartyTotalsAsync(
        IQueryable<CouncilResult> slice, IQueryable<Ballot>? counting, CancellationToken cancellationToken)
    {
        var seats = (await AggregateQueries.SeatsByParty(slice).ToListAsync(cancellationToken)).ToDictionary(r => r.PartyCode);
        var transitions = await AggregateQueries.Transitions(slice).ToListAsync(cancellationToken);
        var wards = counting is null
            ? []
            : (await AggregateQueries.VoteGroups(counting, new HashSet<VoteGrouping> { VoteGrouping.Party }).ToListAsync(cancellationToken))
                .Where(r => r.Won > 0).ToDictionary(r => r.Key.PartyCode!, r => r.Won);
        var parties = seats.Keys.Union(transitions.Select(t => t.To)).Union(wards.Keys).Where(p => p != Control.NoOverallControl);
        return parties
            .Select(party =>
            {
                var row = seats.GetValueOrDefault(party) ?? new PartySeatRow(party, 0, 0, 0, 0, 0);
                return new PartyTotal(
                    party, row.Won, wards.GetValueOrDefault(party), row.Change,
                    CouncilsControlled: transitions.Where(t => t.To == party).Sum(t => t.Count),
                    CouncilsGained: transitions.Where(t => t.To == party && t.From is not null && t.From != party).Sum(t => t.Count),
                    CouncilsLost: transitions.Where(t => t.From == party && t.To != party).Sum(t => t.Count),
                    new Coverage(row.Councils, row.Complete, row.ChangeReported));
            })
            .OrderByDescending(t => t.SeatsWon).ThenBy(t => t.PartyCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The groups, and the same groups without the party (every party's ballots together) for what a share is of and the
    /// coverage: two group-bys in the store, only their rows combined here.
    /// </summary>
    public static async Task<IReadOnlyList<VoteTotal>> VoteTotalsAsync(IQueryable<Ballot> slice, IReadOnlySet<VoteGrouping> groupBy, CancellationToken cancellationToken)
    {
        var byBallot = groupBy.Where(g => g != VoteGrouping.Party).ToHashSet();
        var ballots = (await AggregateQueries.VoteGroups(slice, byBallot).ToListAsync(cancellationToken)).ToDictionary(r => r.Key);
        var rows = groupBy.Contains(VoteGrouping.Party) ? await AggregateQueries.VoteGroups(slice, groupBy).ToListAsync(cancellationToken) : ballots.Values.ToList();
        return rows
            .Select(row =>
            {
                var whole = ballots[row.Key with { PartyCode = null }];
                var share = row.Key.PartyCode is null ? null : BallotCount.Share(row.Votes, whole.Votes);
                return new VoteTotal(row.Key, row.Votes, share, row.Candidates, row.Won, row.WonUnopposed,
                    new VoteCoverage(whole.Contested + whole.Uncontested + whole.Awaiting, whole.Contested, whole.Uncontested, whole.UncontestedSeats,
                        whole.Awaiting, whole.Votes));
            })
            .OrderBy(t => t.Key.Nation).ThenBy(t => t.Key.Region, StringComparer.Ordinal).ThenBy(t => t.Key.CouncilType)
            .ThenBy(t => t.Key.CouncilCode, StringComparer.Ordinal).ThenByDescending(t => t.Votes).ThenByDescending(t => t.SeatsWon)
            .ThenBy(t => t.Key.PartyCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The ballots of the councils of an election still counting (no result declared), as far as the field's
    /// <c>where</c> can say they belong to its slice: a slice chosen by council alone (region, type, …) takes their
    /// wards in it; one chosen by anything only a result has (control, cycle, …) takes none. Null when there is none.
    /// </summary>
    public static async Task<IQueryable<Ballot>?> CountingAsync(
        IQueryable<CouncilResult> results, IQueryable<Ballot> ballots, IDictionary<string, object?>? where, string electionId, CancellationToken cancellationToken)
    {
        if (where is not null && where.Keys.Any(k => k != "council")) return null;
        var declared = await ResultQueries.ForElection(results, electionId).Select(r => r.Council.Code).ToListAsync(cancellationToken);
        var counting = BallotQueries.Counting(ballots, electionId, declared);
        return FilterBuilder.Build<Ballot>(where) is { } filter ? counting.Where(filter) : counting;
    }

    private static IQueryable<CouncilResult> Slice(IResolveFieldContext context) =>
        ListQuery.Filtered(context, ResultQueries.ForElection(context.Documents<CouncilResult>(), context.GetArgument<string>(ElectionId)));
}
