using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Api.Parties;
using ElectionGraph.Api.Results;
using ElectionGraph.Domain.Ballots;
using GraphQL.Types;

namespace ElectionGraph.Api.Ballots;

public sealed class CandidacyGraphType : ObjectGraphType<Candidacy>
{
    public CandidacyGraphType()
    {
        Name = "Candidacy";
        Description = "One candidate in one ward contest, with the ballot and the council.";
        Field("id", c => c.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("{ballot id}:{candidate name}.");
        Field("electionId", c => c.ElectionId, type: typeof(NonNullGraphType<IdGraphType>));
        Field("ballotId", c => c.BallotId, type: typeof(NonNullGraphType<IdGraphType>));
        Field<NonNullGraphType<BallotGraphType>>("ballot").Resolve(context => context.Loaders().ById<Ballot>().Load(context.Source.BallotId));
        Field(c => c.Council, type: typeof(NonNullGraphType<CouncilSummaryGraphType>));
        Field(c => c.Ward, type: typeof(NonNullGraphType<WardGraphType>));
        Field(c => c.SeatsContested).Description("Seats the ballot fills.");
        Field(c => c.Uncontested).Description("The ballot was returned unopposed: no votes.");
        Field(c => c.Name);
        Field(c => c.PartyCode);
        this.AddParty(c => c.PartyCode);
        Field(c => c.Votes, nullable: true).Description("Votes; null where uncontested.");
        Field(c => c.Share, type: typeof(FloatGraphType)).Description("Percent of the ballot's total votes; null where uncontested.");
        Field(c => c.Elected);
        Field(c => c.UpdatedAt).Description("When the ballot was stored.");
    }
}
