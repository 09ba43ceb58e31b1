using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Api.Conventions.Nodes;
using ElectionGraph.Api.Elections;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Parties;
using ElectionGraph.Api.Results;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Elections;
using ElectionGraph.Domain.Results;
using GraphQL.Types;

namespace ElectionGraph.Api.Ballots;

public sealed class BallotGraphType : ObjectGraphType<Ballot>
{
    public BallotGraphType()
    {
        Name = "Ballot";
        Description = "One ward contest (one ballot paper): its candidates, their votes and who was elected.";
        this.IsNode("Democracy Club style: local.bath-and-north-east-somerset.abbey.2019-05-02.");
        Field("electionId", b => b.ElectionId, type: typeof(NonNullGraphType<IdGraphType>));
        Field<NonNullGraphType<ElectionGraphType>>("election").Resolve(context => context.Loaders().ById<Election>().Load(context.Source.ElectionId));
        Field(b => b.Council, type: typeof(NonNullGraphType<CouncilSummaryGraphType>));
        Field<CouncilResultGraphType>("councilResult")
            .Description("The council's result at this election; null until it is declared.")
            .Resolve(context => context.Loaders().ById<CouncilResult>().Load(CouncilResult.IdFor(context.Source.ElectionId, context.Source.Council.Code)));
        Field(b => b.Ward, type: typeof(NonNullGraphType<WardGraphType>));
        Field(b => b.SeatsContested).Description("Seats this ballot fills: as many candidates are elected.");
        Field(b => b.Uncontested).Description("Returned unopposed: no poll was held, so no candidate has votes.");
        Field(b => b.Candidates, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<BallotCandidateGraphType>>>))
            .ExpectedItems(8) // 4.9 on average in 2019, at most 16
            .Description("By votes, most first (among equal votes the elected first: a tie decided by lot), then by name.");
        Field(b => b.TotalVotes, nullable: true)
            .Description("Every candidate's votes added up (in a ward electing several, each voter has as many votes); null where uncontested.");
        Field(b => b.Majority, nullable: true)
            .Description("The last-placed winner's votes minus the first loser's: what the closest winner won by (0 for a tie decided by lot). " +
                         "Null where uncontested (sorting last). Order by it for the closest contests: order: [{ majority: ASC }].");
        Field(b => b.MajorityShare, type: typeof(FloatGraphType)).Description("The majority in percentage points of totalVotes.");
        Field(b => b.Turnout, type: typeof(FloatGraphType)).Description("Percent of the ward's electorate; null where not found (the 2019 ward data has none).");
        Field(b => b.Status).Description("AWAITING its count (as nominated: candidates without votes), or DECLARED; an uncontested ballot is declared at the close of nominations.");
        Field(b => b.DeclaredAt, nullable: true).Description("When the count was declared; null before it, and where not recorded (the 2019 seed, uncontested ballots).");
        this.AddStamps();
    }
}

public sealed class WardGraphType : ObjectGraphType<Ward>
{
    public WardGraphType()
    {
        Name = "Ward";
        Description = "The electoral ward (or division) a ballot is held in.";
        Field(w => w.Name);
        Field(w => w.Code, nullable: true).Description("ONS GSS code; null where the source has none.");
    }
}

public sealed class BallotCandidateGraphType : ObjectGraphType<BallotCandidate>
{
    public BallotCandidateGraphType()
    {
        Name = "BallotCandidate";
        Description = "A candidate on a ward ballot paper.";
        Field(c => c.Name);
        Field(c => c.PartyCode).Description("Independents and small local groups are rolled up to IND, RA or OTH where they have no code of their own.");
        this.AddParty(c => c.PartyCode);
        Field(c => c.Votes, nullable: true).Description("Votes; null where uncontested. For a count in rounds (STV), the first preferences.");
        Field(c => c.Share, type: typeof(FloatGraphType)).Description("Percent of the ballot's total votes, to one decimal place; null where uncontested.");
        Field(c => c.Elected);
    }
}
