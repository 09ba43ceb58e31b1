using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Parties;
using ElectionGraph.Domain.Ballots;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace ElectionGraph.Api.Ballots;

public sealed class CouncilTallyGraphType : ObjectGraphType<CouncilTally>
{
    public CouncilTallyGraphType()
    {
        Name = "CouncilTally";
        Description = "A council's count ward by ward: what is declared so far and what is still to come (\"12 of 45 seats declared\"). " +
                      "Uncontested wards count as declared from the close of nominations.";
        Field(t => t.WardsDeclared);
        Field(t => t.WardsToCome);
        Field(t => t.SeatsDeclared);
        Field(t => t.SeatsToCome);
        Field<NonNullGraphType<BooleanGraphType>, bool>("complete").Description("True when every ward is declared.")
            .Resolve(context => context.Source.WardsToCome == 0);
        Field(t => t.Parties, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PartyTallyGraphType>>>))
            .ExpectedItems(5) // a council's seat rows: 5 on average in 2019, at most 9
            .Description("Seats won so far, per party: most first.");
    }
}

public sealed class PartyTallyGraphType : ObjectGraphType<PartyTally>
{
    public PartyTallyGraphType()
    {
        Name = "PartyTally";
        Field(t => t.PartyCode);
        this.AddParty(t => t.PartyCode);
        Field(t => t.SeatsWon).Description("Seats won in the wards declared so far.");
    }
}

public static class CouncilTallyFields
{
    /// <summary>
    /// Adds <c>tally</c>: the council's count at an election from its ballots, loaded for a whole page at once (the
    /// same load as <c>CouncilResult.ballots</c>); null where it has no ballots.
    /// </summary>
    public static FieldBuilder<T, object> AddTally<T>(this ObjectGraphType<T> type, Func<IResolveFieldContext<T>, string> resultId) =>
        type.Field<CouncilTallyGraphType>("tally")
            .Resolve(context => context.Loaders().BallotsByResult.Load(resultId(context)).Then(ballots => ballots is null or [] ? null : CouncilTally.Of(ballots)));
}
