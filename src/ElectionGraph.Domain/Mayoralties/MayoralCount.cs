namespace ElectionGraph.Domain.Mayoralties;

/// <summary>Who wins a mayoral count, from the published rounds.</summary>
public static class MayoralCount
{
    /// <summary>The winner under <paramref name="system"/>; null when the published figures cannot decide it.</summary>
    public static Candidate? Winner(VotingSystem system, IReadOnlyList<Candidate> candidates) => system switch
    {
        VotingSystem.FirstPastThePost => candidates.All(c => c.FirstRound is not null)
            ? Plurality(candidates, c => c.FirstRound)
            : Plurality(candidates, c => c.FirstRoundShare),
        VotingSystem.SupplementaryVote => Outright(candidates) ?? SecondRound(candidates),
        _ => throw new ArgumentOutOfRangeException(nameof(system)),
    };

    /// <summary>
    /// Who won more than half of the first preferences: by the votes where all are published, else by the shares
    /// (some sources publish only shares for the minor candidates).
    /// </summary>
    public static Candidate? Outright(IReadOnlyList<Candidate> candidates)
    {
        if (candidates.All(c => c.FirstRound is not null))
        {
            var total = candidates.Sum(c => c.FirstRound!.Value);
            return candidates.FirstOrDefault(c => c.FirstRound * 2 > total);
        }

        return candidates.FirstOrDefault(c => c.FirstRoundShare > 50m);
    }

    /// <summary>Without a first-round majority, the top two go on and the larger total after second preferences wins.</summary>
    private static Candidate? SecondRound(IReadOnlyList<Candidate> candidates)
    {
        var finalists = candidates.Where(c => c.SecondRound is not null).ToList();
        return finalists.Count == 2 ? Plurality(finalists, c => c.SecondRound) : null;
    }

    private static Candidate? Plurality<T>(IReadOnlyList<Candidate> candidates, Func<Candidate, T?> measure) where T : struct, IComparable<T>
    {
        if (candidates.Count == 0 || candidates.Any(c => measure(c) is null)) return null;
        var ranked = candidates.OrderByDescending(c => measure(c)!.Value).ToList();
        return ranked.Count > 1 && measure(ranked[0])!.Value.CompareTo(measure(ranked[1])!.Value) == 0 ? null : ranked[0];
    }
}
