namespace ElectionGraph.Domain.Mayoralties;

/// <summary>Who wins a mayoral count, from the published rounds.</summary>
public static class MayoralCount
{
    /// <summary>The winner under <paramref name="system"/>; null when the published figures cannot decide it.</summary>
    public static Candidate? Winner(VotingSystem system, IReadOnlyList<Candidate> candidates) => system switch
    {
        VotingSystem.FirstPastThePost => Plurality(candidates, c => c.FirstRound),
        VotingSystem.SupplementaryVote => SupplementaryVote(candidates),
        _ => throw new ArgumentOutOfRangeException(nameof(system)),
    };

    /// <summary>
    /// More than half of the first preferences wins outright; otherwise the top two go on and the larger
    /// total after second preferences wins.
    /// </summary>
    private static Candidate? SupplementaryVote(IReadOnlyList<Candidate> candidates)
    {
        if (candidates.All(c => c.FirstRound is not null))
        {
            var total = candidates.Sum(c => c.FirstRound!.Value);
            var outright = candidates.FirstOrDefault(c => c.FirstRound * 2 > total);
            if (outright is not null) return outright;
        }
        else
        {
            // Some sources publish only shares for the minor candidates.
            var outright = candidates.FirstOrDefault(c => c.FirstRoundShare > 50m);
            if (outright is not null) return outright;
        }

        var finalists = candidates.Where(c => c.SecondRound is not null).ToList();
        return finalists.Count == 2 ? Plurality(finalists, c => c.SecondRound) : null;
    }

    private static Candidate? Plurality(IReadOnlyList<Candidate> candidates, Func<Candidate, int?> votes)
    {
        if (candidates.Count == 0 || candidates.Any(c => votes(c) is null)) return null;
        var ranked = candidates.OrderByDescending(votes).ToList();
        return ranked.Count > 1 && votes(ranked[0]) == votes(ranked[1]) ? null : ranked[0];
    }
}
