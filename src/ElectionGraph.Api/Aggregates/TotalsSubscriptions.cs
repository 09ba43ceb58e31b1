using System.Reactive.Linq;
using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Conventions.Paging;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Results;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Domain.Results;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Aggregates;

public static class TotalsSubscriptions
{
    public static void AddTotalsSubscriptions(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartyTotalGraphType>>>, IReadOnlyList<PartyTotal>>("partyTotalsChanged")
            .Description("The party totals of the slice, anew after each declaration or correction in the election. " +
                         "A slow client gets the newest totals, not a backlog.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId")
            .Argument<FilterInputGraphType<CouncilResult>>("where", "The same conditions as partyTotals.")
            .WithMetadata(SubscriptionHub.LatestWins, true)
            .Costs(2 * FieldCost.Grouping).ExpectedItems(100)
            .ResolveStreamAsync(async context =>
            {
                var electionId = context.GetArgument<string>("electionId");
                var filter = FilterBuilder.Build<CouncilResult>(context.Raw("where") as IDictionary<string, object?>);
                var results = context.Collection<CouncilResult>();
                // Any change in the election can move a result into or out of the slice, so each one recomputes,
                // on a fresh query: the embedded store's queries read the data as it is when they are made.
                var feed = await context.OpenFeedAsync();
                return feed.Results.Where(r => r.ElectionId == electionId).Recompute(cancellationToken =>
                {
                    var slice = ResultQueries.ForElection(results.Query(), electionId);
                    return AggregateFields.PartyTotalsAsync(filter is null ? slice : slice.Where(filter), cancellationToken);
                });
            });
}
