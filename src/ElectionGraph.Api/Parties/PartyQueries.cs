using ElectionGraph.Api.Conventions;
using ElectionGraph.Api.Conventions.Sorting;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Parties;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Parties;

/// <summary>The party fields of the query root, and the store queries behind them.</summary>
public static class PartyQueries
{
    public static IQueryable<Party> ByCode(IQueryable<Party> parties, string code) => parties.WithId(code);

    public static void AddPartyFields(this ObjectGraphType query)
    {
        query.Connection<PartyGraphType, Party>("parties", context => context.Documents<Party>())
            .Description("Parties and local groups; by code unless ordered.");
        query.StoreItem<PartyGraphType, Party>("party", (parties, context) => ByCode(parties, context.GetArgument<string>("code")))
            .Argument<NonNullGraphType<IdGraphType>>("code");
    }
}
