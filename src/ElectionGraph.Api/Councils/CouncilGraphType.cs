using ElectionGraph.Api.Results;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Results;
using GraphQL.Types;

namespace ElectionGraph.Api.Councils;

public sealed class CouncilGraphType : ObjectGraphType<Council>
{
    public CouncilGraphType()
    {
        Name = "Council";
        Description = "A local authority.";
        Field("code", c => c.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("ONS GSS code, e.g. E06000022.");
        Field(c => c.Name);
        Field(c => c.Type);
        Field(c => c.Region).Description("ONS region (England), or the nation elsewhere.");
        Field(c => c.Nation);
        this.StoreList<Council, CouncilResultGraphType, CouncilResult>("results", (results, context) => ResultQueries.ForCouncil(results, context.Source.Id))
            .Description("This council's results, latest election first.");
        this.AddStamps();
    }
}
