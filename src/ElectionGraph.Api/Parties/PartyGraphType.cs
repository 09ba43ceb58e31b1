using ElectionGraph.Api.Conventions.Nodes;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Api.Schema;
using GraphQL.Types;

namespace ElectionGraph.Api.Parties;

public sealed class PartyGraphType : ObjectGraphType<Party>
{
    public PartyGraphType()
    {
        Name = "Party";
        Description = "A party or local group.";
        this.IsNode("Global id: party:LAB for the party whose code is LAB.", prefix: "party");
        Field("code", p => p.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Stable code: CON, LAB, LD, GRN, …");
        Field(p => p.Name);
        Field(p => p.ShortName);
        Field(p => p.Colour, nullable: true).Description("Hex colour, e.g. #0087DC; null where none is sourced.");
        Field(p => p.RollupCode).Description("The party this one is counted under in national figures (local groups roll up to IND, RA or OTH).");
        this.AddStamps();
    }
}
