using ElectionGraph.Api.Conventions.Nodes;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Parties;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain.Mayoralties;
using GraphQL.Types;

namespace ElectionGraph.Api.Mayoralties;

public sealed class MayoraltyGraphType : ObjectGraphType<Mayoralty>
{
    public MayoraltyGraphType()
    {
        Name = "Mayoralty";
        Description = "One mayoral election.";
        this.IsNode("Democracy Club style: mayor.bedford.2019-05-02.");
        Field("electionId", m => m.ElectionId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(m => m.AreaCode, nullable: true).Description("GSS code of the area; null where not established.");
        Field(m => m.AreaName);
        Field(m => m.AreaType, nullable: true);
        Field(m => m.VotingSystem);
        Field(m => m.Electorate, nullable: true);
        Field(m => m.Turnout, type: typeof(FloatGraphType)).Description("Percent of the electorate; null where not found.");
        Field(m => m.Candidates, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CandidateGraphType>>>)).ExpectedItems(8);
        Field(m => m.Winner, type: typeof(MayoralWinnerGraphType));
        Field(m => m.PreviousPartyCode, nullable: true).Description("Party of the outgoing mayor; null for a new post.");
        Field(m => m.NewPost);
        Field(m => m.Status);
        Field(m => m.DeclaredAt, nullable: true);
        Field(m => m.Sources, nullable: true);
        Field(m => m.Notes, nullable: true);
        Field(m => m.Test).Description("Practice data from a rehearsal election, never a real result.");
        this.AddStamps();
    }
}

public sealed class CandidateGraphType : ObjectGraphType<Candidate>
{
    public CandidateGraphType()
    {
        Name = "Candidate";
        this.AddCandidateFields();
    }
}

public static class CandidateFields
{
    /// <summary>A candidate's own fields, the same wherever a candidate is shown.</summary>
    public static void AddCandidateFields<T>(this ObjectGraphType<T> type) where T : ICandidate
    {
        type.Field(c => c.Name);
        type.Field(c => c.PartyCode);
        type.AddParty(c => c.PartyCode);
        type.Field(c => c.FirstRound, nullable: true).Description("First-preference votes; null where not published.");
        type.Field(c => c.FirstRoundShare, type: typeof(FloatGraphType)).Description("Percent of first preferences, where published.");
        type.Field(c => c.SecondRound, nullable: true).Description("Total after second preferences (supplementary vote finalists).");
        type.Field(c => c.Elected);
    }
}

public sealed class MayoralWinnerGraphType : ObjectGraphType<MayoralWinner>
{
    public MayoralWinnerGraphType()
    {
        Name = "MayoralWinner";
        Field(w => w.Name);
        Field(w => w.PartyCode);
        this.AddParty(w => w.PartyCode);
    }
}
