using ElectionGraph.Domain;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Results;

namespace ElectionGraph.Tests.Domain;

public class BallotCountTests
{
    private static BallotCandidate C(string name, int? votes, bool elected) => new(name, "X", votes, null, elected);

    private static Ballot Of(params BallotCandidate[] candidates) => new()
    {
        Id = "local.somewhere.a-ward.2019-05-02",
        ElectionId = "local.2019-05-02",
        Council = new CouncilSummary("E07000001", "Somewhere", "South West", CouncilType.District, Nation.England),
        Ward = new Ward("A Ward", null),
        SeatsContested = candidates.Count(c => c.Elected),
        Uncontested = candidates.All(c => c.Votes is null),
        Candidates = BallotCount.Ranked(candidates),
        Status = BallotStatus.Declared,
    };

    [Fact]
    public void One_seat_the_majority_is_the_winner_s_lead_over_the_runner_up_and_shares_are_of_the_total()
    {
        var ballot = Of(C("Runner-up", 300, false), C("Winner", 500, true), C("Third", 100, false));

        Assert.Equal(["Winner", "Runner-up", "Third"], ballot.Candidates.Select(c => c.Name));
        Assert.Equal([55.6m, 33.3m, 11.1m], ballot.Candidates.Select(c => c.Share));
        Assert.Equal((900, 200, 22.2m), (ballot.TotalVotes, ballot.Majority, ballot.MajorityShare));
    }

    [Fact]
    public void Several_seats_the_majority_is_the_last_winner_s_lead_over_the_first_loser()
    {
        // Allerdale, All Saints 2019: three seats; Ron Munby third, Keith Skelton fourth.
        var ballot = Of(C("Alan Tyson", 674, true), C("Alan Smith", 666, true), C("Ron Munby", 591, true),
            C("Keith Skelton", 573, false), C("Christine Smith", 524, false));

        Assert.Equal((3028, 18, 0.6m), (ballot.TotalVotes, ballot.Majority, ballot.MajorityShare));
    }

    [Fact]
    public void A_tie_for_the_last_seat_decided_by_lot_is_a_majority_of_0_with_the_winner_placed_first()
    {
        // Tunbridge Wells, Paddock Wood West 2019: 289 each, Matt Bailey elected by lot.
        var ballot = Of(C("Raymond Moon", 289, false), C("Matt Bailey", 289, true), C("Tracey Goacher", 120, false));

        Assert.Equal(["Matt Bailey", "Raymond Moon", "Tracey Goacher"], ballot.Candidates.Select(c => c.Name));
        Assert.Equal((0, 0.0m), (ballot.Majority, ballot.MajorityShare));
    }

    [Fact]
    public void Equal_votes_with_the_same_outcome_are_in_name_order()
    {
        var ranked = BallotCount.Ranked([C("b", 10, false), C("a", 10, false), C("c", 20, true)]);

        Assert.Equal(["c", "a", "b"], ranked.Select(c => c.Name));
    }

    [Fact]
    public void An_uncontested_return_has_no_votes_shares_total_or_majority()
    {
        var ballot = Of(C("Nobody Opposed", null, true), C("Also Unopposed", null, true));

        Assert.Equal(["Also Unopposed", "Nobody Opposed"], ballot.Candidates.Select(c => c.Name));
        Assert.All(ballot.Candidates, c => Assert.Null(c.Share));
        Assert.Equal((null, null, null), (ballot.TotalVotes, ballot.Majority, ballot.MajorityShare));
    }

    [Fact]
    public void Without_a_loser_or_without_votes_there_is_no_majority()
    {
        Assert.Null(BallotCount.Majority([C("a", 10, true), C("b", 5, true)]));
        Assert.Null(BallotCount.Majority([C("a", 10, true), C("b", null, false)]));
        Assert.Null(BallotCount.Majority([]));
        Assert.Null(BallotCount.TotalVotes([]));
    }

    [Fact]
    public void Shares_are_rounded_to_one_place_with_halves_away_from_zero_and_undefined_for_a_total_of_0()
    {
        Assert.Equal(6.3m, BallotCount.Share(1, 16)); // 6.25: banker's rounding would give 6.2
        Assert.Equal(100.0m, BallotCount.Share(7, 7));
        Assert.Null(BallotCount.Share(0, 0));
        Assert.Null(BallotCount.Share(null, 10));
        Assert.Null(BallotCount.Share(3, null));
    }

    [Theory]
    [InlineData("local.bath-and-north-east-somerset.abbey.2019-05-02", true)]
    [InlineData("local.eden.appleby-appleby.2019-05-02", true)]
    [InlineData("local.allerdale.all-saints-2.2019-05-02", true)] // a second contest of a ward, as seed/tools names it
    [InlineData("local.2019-05-02", false)] // an election
    [InlineData("mayor.bedford.2019-05-02", false)]
    [InlineData("local.eden.Appleby.2019-05-02", false)]
    [InlineData("local.eden.appleby--appleby.2019-05-02", false)]
    [InlineData("local.eden.-appleby.2019-05-02", false)]
    [InlineData("local.eden.appleby.2019-05-02\n", false)]
    public void A_ballot_id_has_Democracy_Club_s_form(string id, bool valid)
    {
        Assert.Equal(valid, Ballot.IsBallotId(id));
    }
}
