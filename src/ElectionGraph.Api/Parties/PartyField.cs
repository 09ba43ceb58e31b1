using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Api.Execution;
using GraphQL.Types;

namespace ElectionGraph.Api.Parties;

public static class PartyField
{
    /// <summary>Adds a <c>party</c> field that resolves the party document for a code on the parent (<see cref="Loaders.Party"/>).</summary>
    public static void AddParty<T>(this ObjectGraphType<T> type, Func<T, string?> code) =>
        type.Field<PartyGraphType>("party")
            .Description("The party, resolved from the party code; null when the code names no single party.")
            .ResolvesInMemory()
            .Resolve(context => code(context.Source) is { } partyCode ? context.Loaders().Party(partyCode) : null);
}
