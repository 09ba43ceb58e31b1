using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Api.Conventions.Nodes;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Results;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Councils;
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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CouncilResultGraphType>>>>("results")
            .Description("This council's results, latest election first (a few per council, so a list, loaded for a whole page at once).")
            .ExpectedItems(3)
            .Resolve(context => context.Loaders().ResultsByCouncil.Load(context.Source.Id));
        this.AddStamps();
    }
}
