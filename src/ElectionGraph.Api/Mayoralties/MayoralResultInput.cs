using ElectionGraph.Domain.Mayoralties;
using GraphQL.Types;

namespace ElectionGraph.Api.Mayoralties;

/// <summary>A mayoral result as the results desk sends it.</summary>
public sealed class MayoralResultInput
{
    public string DeclarationId { get; init; } = "";
    public string MayoraltyId { get; init; } = "";
    public string ElectionId { get; init; } = "";
    public string AreaName { get; init; } = "";
    public string? AreaCode { get; init; }
    public VotingSystem VotingSystem { get; init; }
    public int? Electorate { get; init; }
    public double? Turnout { get; init; }
    public string? PreviousPartyCode { get; init; }
    public bool NewPost { get; init; }
    public List<CandidateInput> Candidates { get; init; } = [];
    public DateTime? DeclaredAt { get; init; }

    public MayoralDeclaration ToDeclaration(DateTime now) => new(
        DeclarationId, MayoraltyId, ElectionId, AreaName, AreaCode, VotingSystem, Electorate, (decimal?)Turnout,
        PreviousPartyCode, NewPost, Candidates.Select(c => new DeclaredCandidate(c.Name, c.PartyCode, c.FirstRound, c.SecondRound, (decimal?)c.FirstRoundShare)).ToList(),
        DeclaredAt?.ToUniversalTime() ?? now);
}

public sealed class CandidateInput
{
    public string Name { get; init; } = "";
    public string PartyCode { get; init; } = "";
    public int? FirstRound { get; init; }
    public double? FirstRoundShare { get; init; }
    public int? SecondRound { get; init; }
}

public sealed class CandidateInputGraphType : InputObjectGraphType<CandidateInput>
{
    public CandidateInputGraphType()
    {
        Name = "CandidateInput";
        Field(c => c.Name);
        Field(c => c.PartyCode);
        Field(c => c.FirstRound, nullable: true).Description("First-preference votes; leave out where the count published only the share (then give firstRoundShare).");
        Field(c => c.FirstRoundShare, nullable: true).Description("Percent of first preferences, for a candidate whose votes were not published.");
        Field(c => c.SecondRound, nullable: true).Description("Total after second preferences: the two finalists of a supplementary vote only.");
    }
}

public sealed class DeclareMayoralResultInputGraphType : InputObjectGraphType<MayoralResultInput>
{
    public DeclareMayoralResultInputGraphType()
    {
        Name = "DeclareMayoralResultInput";
        Description = "A mayoral election's result. Who is elected is worked out from the rounds.";
        Field(i => i.DeclarationId, type: typeof(NonNullGraphType<IdGraphType>))
            .Description("The desk's own id for this declaration: sending the same one again returns the stored result and changes nothing.");
        Field(i => i.MayoraltyId, type: typeof(NonNullGraphType<IdGraphType>)).Description("Democracy Club style: mayor.bedford.2019-05-02.");
        Field(i => i.ElectionId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(i => i.AreaName);
        Field(i => i.AreaCode, nullable: true);
        Field(i => i.VotingSystem);
        Field(i => i.Electorate, nullable: true);
        Field(i => i.Turnout, nullable: true).Description("Percent of the electorate.");
        Field(i => i.PreviousPartyCode, nullable: true).Description("Party of the outgoing mayor; leave out for a new post.");
        Field(i => i.NewPost, nullable: true).DefaultValue(false);
        Field(i => i.Candidates, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CandidateInputGraphType>>>));
        Field(i => i.DeclaredAt, nullable: true).Description("When the result was declared; now if left out.");
    }
}
