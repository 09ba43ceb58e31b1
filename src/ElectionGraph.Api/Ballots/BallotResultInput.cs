using ElectionGraph.Domain.Ballots;
using GraphQL.Types;

namespace ElectionGraph.Api.Ballots;

/// <summary>A ward count as the results desk sends it.</summary>
public sealed class BallotResultInput
{
    public string DeclarationId { get; init; } = "";
    public string BallotId { get; init; } = "";
    public List<BallotCandidateInput> Candidates { get; init; } = [];
    public DateTime? DeclaredAt { get; init; }
    public long? ExpectedVersion { get; init; }

    public BallotDeclaration ToDeclaration(DateTime now) => new(
        DeclarationId, BallotId, Candidates.Select(c => new DeclaredBallotCandidate(c.Name, c.Votes, c.Elected)).ToList(),
        DeclaredAt?.ToUniversalTime() ?? now);
}

public sealed class BallotCandidateInput
{
    public string Name { get; init; } = "";
    public int Votes { get; init; }
    public bool Elected { get; init; }
}

public sealed class BallotCandidateInputGraphType : InputObjectGraphType<BallotCandidateInput>
{
    public BallotCandidateInputGraphType()
    {
        Name = "BallotCandidateInput";
        Field(c => c.Name).Description("As nominated: the ballot's candidate of this name (its party comes from the nomination).");
        Field(c => c.Votes);
        Field(c => c.Elected).Description("As the returning officer declared (a tie for the last seat is decided by lot).");
    }
}

public sealed class DeclareBallotResultInputGraphType : InputObjectGraphType<BallotResultInput>
{
    public DeclareBallotResultInputGraphType()
    {
        Name = "DeclareBallotResultInput";
        Description = "A ward's count: every candidate on the ballot paper with their votes, and who is elected.";
        Field(i => i.DeclarationId, type: typeof(NonNullGraphType<IdGraphType>))
            .Description("The desk's own id for this declaration: sending the same one again returns the stored ballot and changes nothing.");
        Field(i => i.BallotId, type: typeof(NonNullGraphType<IdGraphType>)).Description("Democracy Club style: local.eden.appleby-appleby.2019-05-02.");
        Field(i => i.Candidates, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<BallotCandidateInputGraphType>>>));
        Field(i => i.DeclaredAt, nullable: true).Description("When the count was declared; now if left out.");
        Field(i => i.ExpectedVersion, nullable: true)
            .Description("Leave out to declare. To correct a declared count, the version being corrected: CONFLICT if it has changed since.");
    }
}
