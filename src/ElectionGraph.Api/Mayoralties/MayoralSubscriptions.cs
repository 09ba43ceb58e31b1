using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Domain.Mayoralties;
using GraphQL.Types;

namespace ElectionGraph.Api.Mayoralties;

public static class MayoralSubscriptions
{
    public static void AddMayoralSubscriptions(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<MayoraltyGraphType>, Mayoralty>("mayoralResultDeclared")
            .Description("Each mayoral result of the election as it is declared.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId")
            .StreamsDeclarations(feed => feed.Mayoralties, m => m.ElectionId);
}
