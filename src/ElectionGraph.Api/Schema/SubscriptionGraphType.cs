using ElectionGraph.Api.Aggregates;
using ElectionGraph.Api.Ballots;
using ElectionGraph.Api.Mayoralties;
using ElectionGraph.Api.Results;
using GraphQL.Types;

namespace ElectionGraph.Api.Schema;

/// <summary>The subscription root: over WebSocket (graphql-transport-ws) and Server-Sent Events (graphql-sse).</summary>
public sealed class SubscriptionGraphType : ObjectGraphType
{
    public SubscriptionGraphType()
    {
        Name = "Subscription";
        this.AddResultSubscriptions();
        this.AddMayoralSubscriptions();
        this.AddBallotSubscriptions();
        this.AddTotalsSubscriptions();
    }
}
