using System.Runtime.CompilerServices;

namespace ElectionGraph.Domain.Ballots;

/// <summary>The figures of a ward contest that follow from its candidates' votes.</summary>
public static class BallotCount
{
    /// <summary>
    /// A candidate list's total, majority and majority share, worked out once for each list (lists are never changed
    /// once made) and kept while the list lives. Kept beside the ballot rather than in it, so a ballot's equality and
    /// <c>with</c> copies stay those of its own members.
    /// </summary>
    public static Figures FiguresOf(IReadOnlyList<BallotCandidate> candidates) => Computed.GetValue(candidates, list =>
    {
        var (total, majority) = (TotalVotes(list), Majority(list));
        return new Figures(total, majority, Share(majority, total));
    });

    private static readonly ConditionalWeakTable<IReadOnlyList<BallotCandidate>, Figures> Computed = new();

    public sealed record Figures(int? TotalVotes, int? Majority, decimal? MajorityShare);

    /// <summary>
    /// The candidates in ballot order, each with its share of the total: by votes, most first; among equal votes the
    /// elected first (a tie for the last seat is decided by lot, and the winner is listed as placed above); then by
    /// name. Any share the input carries is replaced.
    /// </summary>
    public static IReadOnlyList<BallotCandidate> Ranked(IEnumerable<BallotCandidate> candidates)
    {
        var list = candidates.ToList();
        var total = TotalVotes(list);
        var ranked = list.ConvertAll(c => c with { Share = Share(c.Votes, total) });
        ranked.Sort(BallotOrder); // a comparison, not OrderBy's three keys: a seed ranks thousands of ballots at every start
        return ranked;
    }

    private static int BallotOrder(BallotCandidate a, BallotCandidate b)
    {
        var votes = Nullable.Compare(b.Votes, a.Votes);
        if (votes != 0) return votes;
        var elected = b.Elected.CompareTo(a.Elected);
        return elected != 0 ? elected : string.CompareOrdinal(a.Name, b.Name);
    }

    /// <summary>Every candidate's votes added up; null when any has none (an uncontested return) or there are none.</summary>
    public static int? TotalVotes(IReadOnlyList<BallotCandidate> candidates) =>
        candidates.Count == 0 || candidates.Any(c => c.Votes is null) ? null : candidates.Sum(c => c.Votes!.Value);

    /// <summary>
    /// The last-placed winner's votes minus the first loser's: what the closest winner won by, 0 for a tie decided by
    /// lot, the same for one seat or several. Null without votes (uncontested) or without a loser.
    /// </summary>
    public static int? Majority(IReadOnlyList<BallotCandidate> candidates)
    {
        if (TotalVotes(candidates) is null) return null;
        var winners = candidates.Where(c => c.Elected).ToList();
        var losers = candidates.Where(c => !c.Elected).ToList();
        if (winners.Count == 0 || losers.Count == 0) return null;
        return winners.Min(c => c.Votes!.Value) - losers.Max(c => c.Votes!.Value);
    }

    /// <summary>
    /// <paramref name="votes"/> in percent of <paramref name="total"/>, to one decimal place with halves rounded away from
    /// zero (as results tables print them; one vote in a ward of a thousand is 0.1); null when either is unknown or the
    /// total is 0.
    /// </summary>
    public static decimal? Share(int? votes, int? total) =>
        votes is null || total is null or 0 ? null : Math.Round(100m * votes.Value / total.Value, 1, MidpointRounding.AwayFromZero);
}
