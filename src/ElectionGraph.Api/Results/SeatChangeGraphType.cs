using ElectionGraph.Api.Parties;
using ElectionGraph.Domain.Results;
using GraphQL.Types;

namespace ElectionGraph.Api.Results;

public sealed class SeatChangeGraphType : ObjectGraphType<SeatChange>
{
    public SeatChangeGraphType()
    {
        Name = "SeatChange";
        Description = "One party's seats in one council result, with the council and its control.";
        Field("id", c => c.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("{result id}:{party code}.");
        Field("electionId", c => c.ElectionId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.PartyCode);
        this.AddParty(c => c.PartyCode);
        Field(c => c.Won).Description("Seats won at this election.");
        Field(c => c.Change, nullable: true).Description("Net change against changeBasis; null where not reported.");
        Field(c => c.ChangeBasis, nullable: true);
        Field(c => c.TotalAfter, nullable: true).Description("The party's seats on the whole council afterwards; null where not reported.");
        Field(c => c.Council, type: typeof(NonNullGraphType<CouncilSummaryGraphType>));
        Field(c => c.Control, type: typeof(NonNullGraphType<ControlGraphType>));
        Field(c => c.UpdatedAt).Description("When the council result was stored.");
    }
}
