using ElectionGraph.Domain.Results;

namespace ElectionGraph.Domain.Mayoralties;

/// <summary>
/// A mayoral result as the results desk declares it: the candidates and their rounds. The domain checks
/// that the rounds fit the voting system and decides who is elected.
/// </summary>
public sealed record MayoralDeclaration(
    string DeclarationId,
    string MayoraltyId,
    string ElectionId,
    string AreaName,
    string? AreaCode,
    VotingSystem VotingSystem,
    int? Electorate,
    decimal? Turnout,
    string? PreviousPartyCode,
    bool NewPost,
    IReadOnlyList<DeclaredCandidate> Candidates,
    DateTime DeclaredAt)
{
    public IReadOnlyList<DeclarationProblem> Check(IReadOnlySet<string> parties)
    {
        var problems = new List<DeclarationProblem>();
        void Problem(string field, string message) => problems.Add(new DeclarationProblem(field, message));

        if (!Mayoralty.IsBallotId(MayoraltyId)) Problem("mayoraltyId", "is a Democracy Club mayoral ballot id: mayor.<area>.<date>, e.g. mayor.bedford.2019-05-02");
        if (Candidates.Count == 0) Problem("candidates", "at least one candidate is required");
        if (PreviousPartyCode is not null && !parties.Contains(PreviousPartyCode)) Problem("previousPartyCode", $"unknown party '{PreviousPartyCode}'");
        if (NewPost && PreviousPartyCode is not null) Problem("previousPartyCode", "a new post has no previous holder");
        if (Turnout is < 0 or > 100) Problem("turnout", "is a percentage, 0 to 100");
        foreach (var (candidate, index) in Candidates.Select((c, i) => (c, i)))
        {
            if (!parties.Contains(candidate.PartyCode)) Problem($"candidates[{index}].partyCode", $"unknown party '{candidate.PartyCode}'");
            if (candidate.FirstRound < 0) Problem($"candidates[{index}].firstRound", "cannot be negative");
            // Some counts publish only a minor candidate's share: unknown votes are accepted with the share instead.
            if (candidate.FirstRound is null && candidate.FirstRoundShare is null)
                Problem($"candidates[{index}].firstRound", "give the first-round votes, or firstRoundShare where the votes were not published");
            if (candidate.FirstRoundShare is < 0 or > 100) Problem($"candidates[{index}].firstRoundShare", "is a percentage, 0 to 100");
            if (candidate.SecondRound is { } second && second < candidate.FirstRound)
                Problem($"candidates[{index}].secondRound", "a finalist's total after transfers cannot be below their first-round votes");
        }

        if (problems.Count > 0) return problems;
        var finalists = Candidates.Where(c => c.SecondRound is not null).ToList();
        var outright = MayoralCount.Outright(Elected(null)) is not null;
        switch (VotingSystem)
        {
            case VotingSystem.FirstPastThePost when finalists.Count > 0:
                Problem("candidates", "first past the post has no second round");
                break;
            case VotingSystem.SupplementaryVote when outright && finalists.Count > 0:
                Problem("candidates", "a candidate won more than half of the first preferences, so there is no second round");
                break;
            case VotingSystem.SupplementaryVote when !outright && Candidates.Count > 1 && (finalists.Count != 2
                || Candidates.OrderByDescending(c => c.FirstRound).Take(2).Any(c => c.SecondRound is null)):
                Problem("candidates", "without a first-round majority, the two leading candidates go to a second round, and only they");
                break;
        }

        if (problems.Count == 0 && MayoralCount.Winner(VotingSystem, Elected(null)) is null)
            Problem("candidates", "the rounds do not decide a winner (a tie): declare after the tie is broken");
        return problems;
    }

    /// <summary>The stored mayoralty; call after <see cref="Check"/> found nothing.</summary>
    public Mayoralty ToMayoralty(bool test, IReadOnlyList<string> earlierDeclarations)
    {
        var winner = MayoralCount.Winner(VotingSystem, Elected(null)) ?? throw new InvalidOperationException("No winner; Check first.");
        return new Mayoralty
        {
            Id = MayoraltyId,
            ElectionId = ElectionId,
            AreaCode = AreaCode,
            AreaName = AreaName,
            VotingSystem = VotingSystem,
            Electorate = Electorate,
            Turnout = Turnout,
            Candidates = Elected(winner),
            Winner = new MayoralWinner(winner.Name, winner.PartyCode),
            PreviousPartyCode = PreviousPartyCode,
            NewPost = NewPost,
            Status = ResultStatus.Declared,
            DeclaredAt = DeclaredAt,
            DeclarationIds = [.. earlierDeclarations, DeclarationId],
            Test = test,
        };
    }

    private List<Candidate> Elected(Candidate? winner) =>
        Candidates.Select(c => new Candidate(c.Name, c.PartyCode, c.FirstRound, c.FirstRoundShare, c.SecondRound,
            winner is not null && c.Name == winner.Name && c.PartyCode == winner.PartyCode)).ToList();
}

/// <param name="FirstRound">First-preference votes; null where the count published only the share.</param>
/// <param name="SecondRound">Total after second preferences, for the two finalists of a supplementary vote.</param>
/// <param name="FirstRoundShare">Percent of first preferences, given where the votes were not published.</param>
public sealed record DeclaredCandidate(string Name, string PartyCode, int? FirstRound, int? SecondRound, decimal? FirstRoundShare = null);
