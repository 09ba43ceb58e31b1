using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Api.Councils;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Parties;
using ElectionGraph.Api.Results;
using ElectionGraph.Domain;
using ElectionGraph.Domain.Councils;
using GraphQL.Types;

namespace ElectionGraph.Api.Aggregates;

public sealed class CoverageGraphType : ObjectGraphType<Coverage>
{
    public CoverageGraphType()
    {
        Name = "Coverage";
        Description = "The councils behind an aggregate figure, so a partial sum is never mistaken for a total. " +
                      "For a party's figures: the councils where the party has a seat row. Otherwise: the councils in the group.";
        Field(c => c.Councils).Description("Councils counted.");
        Field(c => c.SeatsComplete).Description("Of those, councils whose seat rows account for every seat up: seat sums are totals only when this equals councils.");
        Field(c => c.ChangeReported).Description("Of those, councils where the change is reported (for a party, its own change): change sums cover only these.");
        Field<NonNullGraphType<BooleanGraphType>, bool>("complete")
            .Description("True when every council counted has complete seat rows and a reported change.")
            .Resolve(context => context.Source.SeatsComplete == context.Source.Councils && context.Source.ChangeReported == context.Source.Councils);
    }
}

public sealed class PartyTotalGraphType : ObjectGraphType<PartyTotal>
{
    public PartyTotalGraphType()
    {
        Name = "PartyTotal";
        Description = "A party's seats and councils over a slice of results, computed in the store.";
        Field(t => t.PartyCode);
        this.AddParty(t => t.PartyCode);
        Field(t => t.SeatsWon).Description("Seats won at this election, in the councils whose result is declared.");
        Field(t => t.SeatsCounting).Description("On results night, the running tally: seats won in the wards declared so far (uncontested ones " +
                                               "included) of councils still counting; each council's own declaration moves its seats into seatsWon. " +
                                               "Counted where the slice is chosen by council alone (or not at all); 0 otherwise.");
        Field(t => t.SeatsChange).Description("Sum of the reported net changes (see coverage.changeReported).");
        Field(t => t.CouncilsControlled).Description("Councils the party controls after the election.");
        Field(t => t.CouncilsGained).Description("Councils it controls after that another party or no overall control held before.");
        Field(t => t.CouncilsLost).Description("Councils it controlled before and does not after.");
        Field(t => t.CouncilsChange).Description("Gained minus lost.");
        Field(t => t.Coverage, type: typeof(NonNullGraphType<CoverageGraphType>));
    }
}

public sealed class ControlTransitionGraphType : ObjectGraphType<ControlTransition>
{
    public ControlTransitionGraphType()
    {
        Name = "ControlTransition";
        Description = "Councils whose control went from one party (or NOC) to another.";
        Field(t => t.From, nullable: true).Description("Control before: a party code or NOC; null where not known (new councils).");
        Field(t => t.To).Description("Control after: a party code or NOC.");
        Field(t => t.Count);
        Field(t => t.Councils, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CouncilSummaryGraphType>>>)).Description("By name.")
            .ExpectedItems(15);
        Field(t => t.Coverage, type: typeof(NonNullGraphType<CoverageGraphType>));
    }
}

public sealed class SeatGroupGraphType : ObjectGraphType<SeatGroup>
{
    public SeatGroupGraphType()
    {
        Name = "SeatGroup";
        Description = "Seats summed over a group of results. A key field is null when the summary is not grouped by it.";
        Field<StringGraphType, string?>("region").Resolve(context => context.Source.Key.Region);
        Field<EnumerationGraphType<CouncilType>, CouncilType?>("councilType").Resolve(context => context.Source.Key.CouncilType);
        Field<EnumerationGraphType<Nation>, Nation?>("nation").Resolve(context => context.Source.Key.Nation);
        Field<StringGraphType, string?>("partyCode").Resolve(context => context.Source.Key.PartyCode);
        Field<StringGraphType, string?>("controlAfter").Resolve(context => context.Source.Key.ControlAfter);
        Field(g => g.SeatsWon).Description("Seats won in the group (by the party, when grouped by party).");
        Field(g => g.SeatsChange).Description("Sum of the reported net changes (see coverage.changeReported).");
        Field(g => g.Councils).Description("Councils in the group (where the party has a seat row, when grouped by party).");
        Field(g => g.Coverage, type: typeof(NonNullGraphType<CoverageGraphType>));
    }
}

public sealed class MayoralSummaryGraphType : ObjectGraphType<MayoralSummary>
{
    public MayoralSummaryGraphType()
    {
        Name = "MayoralSummary";
        Description = "Mayoral winners by party, with holds and gains.";
        Field(s => s.Mayoralties).Description("Mayoral elections in the slice.");
        Field(s => s.Declared).Description("Of those, with a winner declared.");
        Field(s => s.Holds).Description("Won by the party of the outgoing mayor.");
        Field(s => s.Gains).Description("Won from another party.");
        Field(s => s.NewPosts).Description("First elections to a new post (neither hold nor gain).");
        Field(s => s.ByParty, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<MayoralPartyGraphType>>>)).Description("Most wins first.")
            .ExpectedItems(10);
    }
}

public sealed class MayoralPartyGraphType : ObjectGraphType<MayoralPartyRow>
{
    public MayoralPartyGraphType()
    {
        Name = "MayoralPartyResult";
        Field(r => r.PartyCode);
        this.AddParty(r => r.PartyCode);
        Field(r => r.Won);
        Field(r => r.Holds);
        Field(r => r.Gains);
        Field(r => r.NewPosts);
    }
}

public sealed class VoteTotalGraphType : ObjectGraphType<VoteTotal>
{
    public VoteTotalGraphType()
    {
        Name = "VoteTotal";
        Description = "Votes, candidates and seats summed over a group of ward ballots. A key field is null when the totals are not grouped by it.";
        Field<StringGraphType, string?>("region").Resolve(context => context.Source.Key.Region);
        Field<EnumerationGraphType<CouncilType>, CouncilType?>("councilType").Resolve(context => context.Source.Key.CouncilType);
        Field<EnumerationGraphType<Nation>, Nation?>("nation").Resolve(context => context.Source.Key.Nation);
        Field<IdGraphType, string?>("councilCode").Resolve(context => context.Source.Key.CouncilCode);
        Field<CouncilGraphType>("council").Description("The council, when grouped by council.")
            .Resolve(context => context.Source.Key.CouncilCode is { } code ? context.Loaders().ById<Council>().Load(code) : null);
        Field<StringGraphType, string?>("partyCode").Resolve(context => context.Source.Key.PartyCode);
        this.AddParty(t => t.Key.PartyCode);
        Field(t => t.Votes).Description("Votes cast for the group's candidates (in contested ballots: an uncontested one has none). " +
                                        "In a ward electing several, each voter has as many votes, so these are votes, not voters.");
        Field(t => t.Share, type: typeof(FloatGraphType))
            .Description("When grouped by party: its votes in percent of every vote cast in the group's contested ballots (coverage.votes), " +
                         "to one decimal place; null otherwise, or where no vote was cast.");
        Field(t => t.Candidates).Description("Candidates who stood.");
        Field(t => t.SeatsWon).Description("Seats won, contested or not.");
        Field(t => t.SeatsWonUnopposed).Description("Of those, seats won in uncontested ballots.");
        Field(t => t.Coverage, type: typeof(NonNullGraphType<VoteCoverageGraphType>));
    }
}

public sealed class VoteCoverageGraphType : ObjectGraphType<VoteCoverage>
{
    public VoteCoverageGraphType()
    {
        Name = "VoteCoverage";
        Description = "The ballots behind a vote total: its group's, every party's together, so a share is read with what it is of.";
        Field(c => c.Ballots).Description("Ward ballots counted.");
        Field(c => c.Contested).Description("Of those, contested and counted: the votes and shares come from these.");
        Field(c => c.Uncontested).Description("Of those, returned unopposed: no votes.");
        Field(c => c.UncontestedSeats).Description("Seats filled without a poll.");
        Field(c => c.Awaiting).Description("Ballots still awaiting their count (on results night): their votes are not in yet.");
        Field(c => c.Votes).Description("Every vote cast in the contested ballots: what a share is of.");
    }
}
