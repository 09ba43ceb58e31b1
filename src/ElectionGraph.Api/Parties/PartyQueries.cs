using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Parties;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Parties;

/// <summary>The party fields of the query root, and the store queries behind them.</summary>
public static class PartyQueries
{
    public static IQueryable<Party> All(IQueryable<Party> parties) => parties.OrderBy(p => p.Id);

    public static IQueryable<Party> ByCode(IQueryable<Party> parties, string code) => parties.Where(p => p.Id == code);

    public static void AddPartyFields(this ObjectGraphType query)
    {
        query.StoreList<PartyGraphType, Party>("parties", (parties, _) => All(parties))
            .Description("Every party and local group, by code.");
        query.StoreItem<PartyGraphType, Party>("party", (parties, context) => ByCode(parties, context.GetArgument<string>("code")))
            .Argument<NonNullGraphType<IdGraphType>>("code");
    }
}
