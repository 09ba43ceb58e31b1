using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Storage.Seeding;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Domain;

public class MayoralCountTests
{
    private static Candidate C(string name, int? first, int? second = null, decimal? share = null) =>
        new(name, "X", first, share, second, Elected: false);

    [Fact]
    public void Supplementary_vote_more_than_half_of_first_preferences_wins_outright()
    {
        var winner = MayoralCount.Winner(VotingSystem.SupplementaryVote, [C("a", 51), C("b", 30), C("c", 19)]);
        Assert.Equal("a", winner?.Name);
    }

    [Fact]
    public void Supplementary_vote_otherwise_the_finalist_with_more_votes_after_second_preferences_wins()
    {
        // Mansfield 2019: second on first preferences, first by two votes after transfers.
        var winner = MayoralCount.Winner(VotingSystem.SupplementaryVote,
            [C("Allsop", 7000, 7928), C("Abrahams", 6881, 7930), C("Garner", 4827)]);
        Assert.Equal("Abrahams", winner?.Name);
    }

    [Fact]
    public void Supplementary_vote_uses_the_published_share_when_minor_candidates_votes_are_missing()
    {
        var winner = MayoralCount.Winner(VotingSystem.SupplementaryVote,
            [C("Soulsby", 51444, share: 61.0m), C("Verma", 14519, share: 17.2m), C("Lewis", null, share: 7.9m)]);
        Assert.Equal("Soulsby", winner?.Name);
    }

    [Fact]
    public void Supplementary_vote_without_a_majority_or_two_finalists_is_undecided()
    {
        Assert.Null(MayoralCount.Winner(VotingSystem.SupplementaryVote, [C("a", 40), C("b", 35), C("c", 25)]));
    }

    [Fact]
    public void First_past_the_post_is_won_by_the_most_votes_and_a_tie_is_undecided()
    {
        Assert.Equal("b", MayoralCount.Winner(VotingSystem.FirstPastThePost, [C("a", 10), C("b", 12)])?.Name);
        Assert.Null(MayoralCount.Winner(VotingSystem.FirstPastThePost, [C("a", 12), C("b", 12)]));
    }

    [Fact]
    public void The_rule_elects_the_candidate_the_2019_seed_records_as_elected_in_all_six_mayoralties()
    {
        var mayoralties = SeedReader.Read(Repo.Seed).Mayoralties;

        Assert.Equal(6, mayoralties.Count);
        Assert.All(mayoralties, m => Assert.Equal(
            m.Candidates.Single(c => c.Elected).Name,
            MayoralCount.Winner(m.VotingSystem, m.Candidates)?.Name));
    }
}
