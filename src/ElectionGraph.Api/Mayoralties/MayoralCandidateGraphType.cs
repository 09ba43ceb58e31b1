using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Domain.Mayoralties;
using GraphQL.Types;

namespace ElectionGraph.Api.Mayoralties;

public sealed class MayoralCandidateGraphType : ObjectGraphType<MayoralCandidate>
{
    public MayoralCandidateGraphType()
    {
        Name = "MayoralCandidate";
        Description = "One candidate in one mayoral election, with the mayoralty they stood in.";
        Field("id", c => c.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("{mayoralty id}:{candidate name}.");
        Field("electionId", c => c.ElectionId, type: typeof(NonNullGraphType<IdGraphType>));
        Field("mayoraltyId", c => c.MayoraltyId, type: typeof(NonNullGraphType<IdGraphType>));
        Field<NonNullGraphType<MayoraltyGraphType>>("mayoralty").Resolve(context => context.Loaders().ById<Mayoralty>().Load(context.Source.MayoraltyId));
        Field(c => c.AreaName);
        this.AddCandidateFields();
        Field(c => c.UpdatedAt).Description("When the mayoralty was stored.");
    }
}
