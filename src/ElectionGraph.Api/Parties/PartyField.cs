using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Parties;
using GraphQL.Types;

namespace ElectionGraph.Api.Parties;

public static class PartyField
{
    /// <summary>Adds a <c>party</c> field that resolves the party document for a code on the parent.</summary>
    public static void AddParty<T>(this ObjectGraphType<T> type, Func<T, string?> code) =>
        type.StoreItem<T, PartyGraphType, Party>("party", (parties, context) =>
                code(context.Source) is { } partyCode ? PartyQueries.ByCode(parties, partyCode) : null)
            .Description("The party, resolved from the party code; null when the code names no single party.");
}
