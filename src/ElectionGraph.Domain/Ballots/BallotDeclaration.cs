using ElectionGraph.Domain.Results;

namespace ElectionGraph.Domain.Ballots;

/// <summary>
/// A ward count as the results desk declares it: each candidate on the ballot paper, their votes, and who the returning
/// officer declared elected. Parties and the seats filled come from the nomination, never from the desk.
/// </summary>
/// <param name="DeclarationId">The desk's own id for this declaration: sending it twice changes nothing.</param>
public sealed record BallotDeclaration(
    string DeclarationId,
    string BallotId,
    IReadOnlyList<DeclaredBallotCandidate> Candidates,
    DateTime DeclaredAt)
{
    /// <summary>
    /// What is wrong with the declaration for <paramref name="nominated"/>, by input field; empty when it can be stored.
    /// The ballot may already be declared (a correction): only its candidates' names and its seats are read.
    /// </summary>
    public IReadOnlyList<DeclarationProblem> Check(Ballot nominated)
    {
        EnsureFor(nominated);
        if (nominated.Uncontested)
            return [new DeclarationProblem("ballotId", $"{BallotId} was uncontested: its candidates were returned unopposed at the close of nominations, so there is no count to declare")];

        var problems = new List<DeclarationProblem>();
        void Problem(string field, string message) => problems.Add(new DeclarationProblem(field, message));

        var names = nominated.Candidates.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        // A set, not a look back over the list: the desk's list is as long as its request allows.
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (candidate, index) in Candidates.Select((c, i) => (c, i)))
        {
            var field = $"candidates[{index}]";
            if (!names.Contains(candidate.Name))
                Problem($"{field}.name", $"unknown candidate '{candidate.Name}': the ballot's candidates are {Listed(nominated.Candidates.Select(c => c.Name).Order(StringComparer.Ordinal))}");
            else if (!given.Add(candidate.Name))
                Problem($"{field}.name", $"'{candidate.Name}' is given twice");
            if (candidate.Votes < 0) Problem($"{field}.votes", "cannot be negative");
        }

        var declared = Candidates.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in nominated.Candidates.Where(c => !declared.Contains(c.Name)).OrderBy(c => c.Name, StringComparer.Ordinal))
            Problem("candidates", $"'{missing.Name}' is on the ballot but left out: declare every candidate's votes");

        var elected = Candidates.Count(c => c.Elected);
        if (elected != nominated.SeatsContested)
            Problem("candidates", $"{elected} elected, but the ballot fills {nominated.SeatsContested} {(nominated.SeatsContested == 1 ? "seat" : "seats")}");

        // Equal votes may fall either side of the line: a tie for the last seat is decided by lot.
        if (Candidates.Where(c => !c.Elected).MaxBy(c => c.Votes) is { } bestLoser)
            foreach (var (candidate, index) in Candidates.Select((c, i) => (c, i)).Where(x => x.c.Elected && x.c.Votes < bestLoser.Votes))
                Problem($"candidates[{index}].elected", $"'{candidate.Name}' is elected with {candidate.Votes} votes, fewer than '{bestLoser.Name}' (not elected) with {bestLoser.Votes}");
        return problems;
    }

    /// <summary>
    /// The declared ballot: the nomination's candidates with their declared votes, ranked and shared by
    /// <see cref="BallotCount.Ranked"/>. Call after <see cref="Check"/> found nothing.
    /// </summary>
    public Ballot ToBallot(Ballot nominated, IReadOnlyList<string> earlierDeclarations)
    {
        EnsureFor(nominated);
        var declared = Candidates.ToDictionary(c => c.Name, StringComparer.Ordinal);
        return nominated with
        {
            Status = BallotStatus.Declared,
            DeclaredAt = DeclaredAt,
            Candidates = BallotCount.Ranked(nominated.Candidates.Select(c =>
                declared.TryGetValue(c.Name, out var d)
                    ? c with { Votes = d.Votes, Elected = d.Elected }
                    : throw new InvalidOperationException($"'{c.Name}' is not declared; Check first."))),
            DeclarationIds = [.. earlierDeclarations, DeclarationId],
        };
    }

    // The desk names a ballot and the caller loads it: any other ballot here is the caller's mistake, not the desk's.
    private void EnsureFor(Ballot nominated)
    {
        if (nominated.Id != BallotId)
            throw new ArgumentException($"The declaration is for {BallotId}, not {nominated.Id}.", nameof(nominated));
    }

    private static string Listed(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}

/// <param name="Elected">As the returning officer declared: the count decides it, and a tie is decided by lot.</param>
public sealed record DeclaredBallotCandidate(string Name, int Votes, bool Elected);
