using GraphQL.Types;

namespace ElectionGraph.Api.Schema;

public sealed class ElectionGraphSchema : GraphQL.Types.Schema
{
    public ElectionGraphSchema(IServiceProvider services, QueryGraphType query, MutationGraphType mutation, SubscriptionGraphType subscription)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        Description = "UK local-election results: councils, parties, seat changes, control and mayoralties.";
    }
}
