using ElectionGraph.Api.Access;
using ElectionGraph.Api.Aggregates;
using ElectionGraph.Api.Ballots;
using ElectionGraph.Api.Conventions.Nodes;
using ElectionGraph.Api.Councils;
using ElectionGraph.Api.Elections;
using ElectionGraph.Api.Mayoralties;
using ElectionGraph.Api.Parties;
using ElectionGraph.Api.Results;
using ElectionGraph.Api.Webhooks;
using GraphQL.Types;

namespace ElectionGraph.Api.Schema;

/// <summary>The query root: each feature adds its own fields.</summary>
public sealed class QueryGraphType : ObjectGraphType
{
    public QueryGraphType()
    {
        Name = "Query";
        this.AddElectionFields();
        this.AddPartyFields();
        this.AddCouncilFields();
        this.AddResultFields();
        this.AddMayoraltyFields();
        this.AddBallotFields();
        this.AddAggregateFields();
        this.AddApiKeyQueries();
        this.AddWebhookQueries();
        this.AddNodeFields();
    }
}
