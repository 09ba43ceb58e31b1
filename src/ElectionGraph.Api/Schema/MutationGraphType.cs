using ElectionGraph.Api.Access;
using ElectionGraph.Api.Ballots;
using ElectionGraph.Api.Mayoralties;
using ElectionGraph.Api.Results;
using ElectionGraph.Api.Webhooks;
using GraphQL.Types;

namespace ElectionGraph.Api.Schema;

/// <summary>The mutation root: the results desk's declarations and key management, each for its role.</summary>
public sealed class MutationGraphType : ObjectGraphType
{
    public MutationGraphType()
    {
        Name = "Mutation";
        this.AddResultMutations();
        this.AddMayoralMutations();
        this.AddBallotMutations();
        this.AddApiKeyMutations();
        this.AddWebhookMutations();
    }
}
