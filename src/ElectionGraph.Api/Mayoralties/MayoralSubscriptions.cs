using System.Reactive.Linq;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Domain.Mayoralties;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Mayoralties;

public static class MayoralSubscriptions
{
    public static void AddMayoralSubscriptions(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<MayoraltyGraphType>, Mayoralty>("mayoralResultDeclared")
            .Description("Each mayoral result of the election as it is declared.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId")
            .ResolveStreamAsync(async context =>
            {
                var electionId = context.GetArgument<string>("electionId");
                var feed = await context.OpenFeedAsync();
                return feed.Mayoralties.Where(m => m.ElectionId == electionId);
            });
}
