using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Api.Execution;
using GraphQL.Types;

namespace ElectionGraph.Api.Parties;

public static class PartyField
{
    /// <summary>
    /// Adds a <c>party</c> field that resolves the party document for a code on the parent: from the parties loaded at
    /// this data version (<see cref="PartyDirectory"/>), else loaded, once per request.
    /// </summary>
    public static void AddParty<T>(this ObjectGraphType<T> type, Func<T, string?> code) =>
        type.Field<PartyGraphType>("party")
            .Description("The party, resolved from the party code; null when the code names no single party.")
            .ResolvesInMemory()
            .Resolve(context => code(context.Source) is not { } partyCode ? null
                : context.RequestServices?.GetService<PartyDirectory>()?.Current is { } parties ? parties.GetValueOrDefault(partyCode)
                : context.Loaders().Parties.Load(partyCode));
}
