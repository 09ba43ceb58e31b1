using ElectionGraph.Api.Ballots;
using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Api.Conventions.Nodes;
using ElectionGraph.Api.Elections;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Parties;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Elections;
using ElectionGraph.Domain.Results;
using GraphQL.Types;

namespace ElectionGraph.Api.Results;

public sealed class CouncilResultGraphType : ObjectGraphType<CouncilResult>
{
    public CouncilResultGraphType()
    {
        Name = "CouncilResult";
        Description = "One council's result at one election, with its seat changes.";
        this.IsNode("The election's id and the council's code: local.2019-05-02:E07000170.");
        Field("electionId", r => r.ElectionId, type: typeof(NonNullGraphType<IdGraphType>));
        Field<NonNullGraphType<ElectionGraphType>>("election").Resolve(context => context.Loaders().ById<Election>().Load(context.Source.ElectionId));
        Field(r => r.Council, type: typeof(NonNullGraphType<CouncilSummaryGraphType>));
        Field(r => r.Cycle);
        Field(r => r.SeatsUp).Description("Seats filled at this election (postponed polls excluded).");
        Field(r => r.TotalSeats).Description("Seats on the whole council afterwards.");
        Field(r => r.Control, type: typeof(NonNullGraphType<ControlGraphType>));
        Field(r => r.Turnout, type: typeof(FloatGraphType)).Description("Percent of the electorate; null where not found.");
        Field(r => r.Status);
        Field(r => r.DeclaredAt, nullable: true);
        Field(r => r.Seats, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<SeatRowGraphType>>>))
            .ExpectedItems(8) // 5 on average in 2019, at most 9
            .Description("Seats won and changed, one row a party.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BallotGraphType>>>>("ballots")
            .Description("The council's ward contests at this election, by ward name; empty where none are held (Northern Ireland's STV counts are not in yet).")
            .ExpectedItems(25) // 21 on average in 2019, at most 53
            .Resolve(context => context.Loaders().BallotsByResult.Load(context.Source.Id));
        this.AddTally(context => context.Source.Id)
            .Description("The count ward by ward: complete once declared (null where there are no ward ballots, as in Northern Ireland). " +
                         "While a council is still counting it has no result yet: ask Council.tally.");
        Field(r => r.SeatsComplete).Description("True when the seat rows account for every seat up, so sums over them are totals.");
        Field(r => r.ChangesComplete).Description("True when every seat row reports its change, so they sum to the net change.");
        Field(r => r.Sources, nullable: true).Description("Where the figures come from.");
        Field(r => r.Notes, nullable: true);
        Field(r => r.Test).Description("Practice data from a rehearsal election, never a real result.");
        this.AddStamps();
    }
}

public sealed class CouncilSummaryGraphType : ObjectGraphType<CouncilSummary>
{
    public CouncilSummaryGraphType()
    {
        Name = "CouncilSummary";
        Description = "The council a result belongs to, embedded in the result.";
        Field("code", c => c.Code, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Name);
        Field(c => c.Region);
        Field(c => c.Type);
        Field(c => c.Nation);
    }
}

public sealed class ControlGraphType : ObjectGraphType<Control>
{
    public ControlGraphType()
    {
        Name = "Control";
        Description = "Who controls the council: a party code, or NOC (no overall control).";
        Field(c => c.Before, nullable: true).Description("Null for a new council, or where not known.");
        Field(c => c.After);
        Field(c => c.Changed, nullable: true).Description("Null when control before is not known.");
    }
}

public sealed class SeatRowGraphType : ObjectGraphType<SeatRow>
{
    public SeatRowGraphType()
    {
        Name = "SeatRow";
        Field(s => s.PartyCode);
        this.AddParty(s => s.PartyCode);
        Field(s => s.Won).Description("Seats won at this election.");
        Field(s => s.Change, nullable: true).Description("Net change against changeBasis; null where not reported.");
        Field(s => s.ChangeBasis, nullable: true);
        Field(s => s.TotalAfter, nullable: true).Description("The party's seats on the whole council afterwards; null where not reported.");
    }
}
