using System.Reactive.Linq;
using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Conventions.Paging;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Results;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Results;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Aggregates;

public static class TotalsSubscriptions
{
    public static void AddTotalsSubscriptions(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartyTotalGraphType>>>, IReadOnlyList<PartyTotal>>("partyTotalsChanged")
            .Description("The party totals of the slice, anew after each declaration or correction in the election, a ward's included. " +
                         "A slow client gets the newest totals, not a backlog.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId")
            .Argument<FilterInputGraphType<CouncilResult>>("where", "The same conditions as partyTotals.")
            .WithMetadata(SubscriptionHub.LatestWins, true)
            .Costs(2 * FieldCost.Grouping).ExpectedItems(100)
            .ResolveStreamAsync(async context =>
            {
                var electionId = context.GetArgument<string>("electionId");
                var where = context.Raw("where") as IDictionary<string, object?>;
                var filter = FilterBuilder.Build<CouncilResult>(where);
                var (results, ballots) = (context.Collection<CouncilResult>(), context.Collection<Ballot>());
                // Any change in the election can move a result into or out of the slice, so each one recomputes,
                // on a fresh query: the embedded store's queries read the data as it is when they are made.
                var feed = await context.OpenFeedAsync();
                // A ward's count moves the running tally (seatsCounting) as a council's result moves the rest.
                var changes = feed.Results.Where(r => r.ElectionId == electionId).Select(r => r.Id)
                    .Merge(feed.Ballots.Where(b => b.ElectionId == electionId && b.IsDeclared).Select(b => b.Id));
                return changes.Recompute(async cancellationToken =>
                {
                    var slice = ResultQueries.ForElection(results.Query(), electionId);
                    return await AggregateFields.PartyTotalsAsync(
                        filter is null ? slice : slice.Where(filter),
                        await AggregateFields.CountingAsync(results.Query(), ballots.Query(), where, electionId, cancellationToken),
                        cancellationToken);
                });
            });
}
