using ElectionGraph.Api.Ballots;
using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Api.Conventions.Nodes;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Results;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Results;
using GraphQL;
using GraphQL.Types;

namespace ElectionGraph.Api.Councils;

public sealed class CouncilGraphType : ObjectGraphType<Council>
{
    public CouncilGraphType()
    {
        Name = "Council";
        Description = "A local authority.";
        this.IsNode("Global id: council:E06000022 for the council whose code is E06000022.", prefix: "council");
        Field("code", c => c.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("ONS GSS code, e.g. E06000022.");
        Field(c => c.Name);
        Field(c => c.Type);
        Field(c => c.Region).Description("ONS region (England), or the nation elsewhere.");
        Field(c => c.Nation);
        Field(c => c.Hex, type: typeof(HexPositionGraphType))
            .Description("Its hexagon on the hex map of UK councils (the layout credited in the README); null where the layout has none.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CouncilResultGraphType>>>>("results")
            .Description("This council's results, latest election first (a few per council, so a list, loaded for a whole page at once).")
            .ExpectedItems(3)
            .Resolve(context => context.Loaders().ResultsByCouncil.Load(context.Source.Id));
        this.AddTally(context => CouncilResult.IdFor(context.GetArgument<string>("electionId"), context.Source.Id))
            .Description("The council's count at an election, ward by ward, as it stands: seats declared so far per party and seats still to come " +
                         "(on results night, before its result is declared); null where it has no ward ballots.")
            .Argument<NonNullGraphType<IdGraphType>>("electionId");
        this.AddStamps();
    }
}

public sealed class HexPositionGraphType : ObjectGraphType<HexPosition>
{
    public HexPositionGraphType()
    {
        Name = "HexPosition";
        Description = "A hexagon on a hex-map layout, in HexJSON's offset coordinates.";
        Field(h => h.Layout).Description("The offset layout: odd-r (odd rows shifted right by half a hexagon), even-r, odd-q or even-q.");
        Field(h => h.Q).Description("Column.");
        Field(h => h.R).Description("Row; rows increase northwards in the 2019 layout.");
    }
}
