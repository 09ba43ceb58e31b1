using ElectionGraph.Domain;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Results;

namespace ElectionGraph.Tests.Domain;

public class DeclarationTests
{
    private static readonly HashSet<string> Parties = ["CON", "LAB", "LD", "GRN", "IND"];
    private static readonly Council Bolton = new() { Id = "E08000001", Name = "Bolton", Type = CouncilType.MetropolitanBorough, Region = "North West", Nation = Nation.England };

    private static CouncilDeclaration Council(Cycle cycle, int seatsUp, int totalSeats, params SeatRow[] seats) =>
        new("desk-1", "local.2027-05-06", Bolton.Id, cycle, seatsUp, totalSeats, "LAB", seats, null, new DateTime(2027, 5, 7, 2, 0, 0, DateTimeKind.Utc), null);

    private static SeatRow Row(string party, int won, int? totalAfter = null) => new(party, won, null, null, totalAfter);

    [Fact]
    public void An_all_out_result_gets_its_totals_and_control_from_the_seats_won()
    {
        var declaration = Council(Cycle.AllOut, 60, 60, Row("LAB", 31), Row("CON", 20), Row("LD", 9));

        Assert.Empty(declaration.Check(Parties));
        var result = declaration.ToResult(Bolton, test: false, ["earlier"]);
        Assert.Equal(Control.Of("LAB", "LAB"), result.Control);
        Assert.Equal([31, 20, 9], result.Seats.Select(s => s.TotalAfter!.Value));
        Assert.Equal(["earlier", "desk-1"], result.DeclarationIds);
        Assert.Equal("local.2027-05-06:E08000001", result.Id);
    }

    [Fact]
    public void A_thirds_result_needs_totals_after_to_decide_control_unless_a_majority_is_known()
    {
        var undecided = Council(Cycle.Thirds, 20, 60, Row("LAB", 10, 28), Row("CON", 10));
        var majority = Council(Cycle.Thirds, 20, 60, Row("LAB", 10, 31), Row("CON", 10));
        var hung = Council(Cycle.Thirds, 20, 60, Row("LAB", 10, 30), Row("CON", 10, 30));

        Assert.Contains(undecided.Check(Parties), p => p.Field == "seats" && p.Message.Contains("control can be decided"));
        Assert.Equal("LAB", majority.ToResult(Bolton, test: false, []).Control.After);
        Assert.Equal(Control.NoOverallControl, hung.ToResult(Bolton, test: false, []).Control.After);
    }

    [Theory]
    [InlineData("seats", "add up to 19, not the 20 seats up")]
    [InlineData("seats[1].partyCode", "unknown party 'XYZ'")]
    [InlineData("seats[2].partyCode", "'LAB' is declared twice")]
    [InlineData("seats[0].totalAfter", "fewer than the 10 seats won")]
    [InlineData("controlBefore", "unknown party 'NOPE'")]
    public void Bad_declarations_name_the_field_at_fault(string field, string message)
    {
        var declaration = field switch
        {
            "seats" => Council(Cycle.Thirds, 20, 60, Row("LAB", 10, 31), Row("CON", 9, 20)),
            "seats[1].partyCode" => Council(Cycle.Thirds, 20, 60, Row("LAB", 10, 31), Row("XYZ", 10, 20)),
            "seats[2].partyCode" => Council(Cycle.Thirds, 20, 60, Row("LAB", 5, 31), Row("CON", 10, 20), Row("LAB", 5, 31)),
            "seats[0].totalAfter" => Council(Cycle.Thirds, 20, 60, Row("LAB", 10, 9), Row("CON", 10, 20)),
            _ => Council(Cycle.Thirds, 20, 60, Row("LAB", 10, 31), Row("CON", 10, 20)) with { ControlBefore = "NOPE" },
        };

        Assert.Contains(declaration.Check(Parties), p => p.Field == field && p.Message.Contains(message));
    }

    private static MayoralDeclaration Mayor(VotingSystem system, params DeclaredCandidate[] candidates) =>
        new("desk-m", "mayor.bedford.2027-05-06", "local.2027-05-06", "Bedford", "E06000055", system, null, 30m, "LD", false, candidates, DateTime.UtcNow);

    [Fact]
    public void A_supplementary_vote_without_a_majority_goes_to_the_two_leaders_and_the_domain_elects()
    {
        var declaration = Mayor(VotingSystem.SupplementaryVote,
            new("Hodgson", "LD", 17596, 21416), new("Carofano", "CON", 15778, 18105), new("Jackson", "LAB", 9677, null));

        Assert.Empty(declaration.Check(Parties));
        var mayoralty = declaration.ToMayoralty(test: false, []);
        Assert.Equal(new MayoralWinner("Hodgson", "LD"), mayoralty.Winner);
        Assert.Equal(["Hodgson"], mayoralty.Candidates.Where(c => c.Elected).Select(c => c.Name));
    }

    /// <summary>Leicester 2019: the winner's majority is plain from the votes and shares published, though five minor candidates' votes never were.</summary>
    [Fact]
    public void Minor_candidates_with_only_a_share_published_do_not_stop_the_count()
    {
        var declaration = Mayor(VotingSystem.SupplementaryVote,
            new("Soulsby", "LAB", 51444, null, 61.0m), new("Verma", "CON", 14519, null, 17.2m), new("Lewis", "GRN", null, null, 7.9m));

        Assert.Empty(declaration.Check(Parties));
        Assert.Equal(new MayoralWinner("Soulsby", "LAB"), declaration.ToMayoralty(test: false, []).Winner);
        Assert.Equal(7.9m, declaration.ToMayoralty(test: false, []).Candidates.Single(c => c.Name == "Lewis").FirstRoundShare);
    }

    [Fact]
    public void A_candidate_needs_votes_or_a_share()
    {
        var declaration = Mayor(VotingSystem.FirstPastThePost, new("A", "LD", 400, null), new("B", "CON", null, null));

        Assert.Contains(declaration.Check(Parties), p => p.Field == "candidates[1].firstRound" && p.Message.Contains("firstRoundShare"));
    }

    [Theory]
    [InlineData("mayor.bedford.2027-05-06", true)]
    [InlineData("mayor.west-of-england.2027-05-06", true)]
    [InlineData("mayor.london.gla.2027-05-06", true)]
    [InlineData("mayor.2027-05-06", false)] // an election's id
    [InlineData("local.2027-05-06", false)]
    [InlineData("council:E06000055", false)]
    [InlineData("mayor.Bedford.2027-05-06", false)]
    [InlineData("mayor.bedford:E06000055.2027-05-06", false)]
    [InlineData("mayor.bedford.2027-05-06 ", false)]
    [InlineData("mayor.bedford.2027-05-06\n", false)]
    public void A_mayoralty_id_is_a_Democracy_Club_mayoral_ballot_id_so_it_cannot_collide_with_another_id(string id, bool accepted)
    {
        var declaration = Mayor(VotingSystem.FirstPastThePost, new("A", "LD", 400, null), new("B", "CON", 300, null)) with { MayoraltyId = id };

        Assert.Equal(accepted ? [] : ["mayoraltyId"], declaration.Check(Parties).Select(p => p.Field));
    }

    [Theory]
    [InlineData("more than half of the first preferences, so there is no second round")]
    [InlineData("the two leading candidates go to a second round")]
    [InlineData("first past the post has no second round")]
    [InlineData("do not decide a winner")]
    public void Rounds_must_fit_the_voting_system(string message)
    {
        var declaration = message switch
        {
            var m when m.StartsWith("more") => Mayor(VotingSystem.SupplementaryVote, new("A", "LD", 600, 650), new("B", "CON", 400, 450)),
            var m when m.StartsWith("the two") => Mayor(VotingSystem.SupplementaryVote, new("A", "LD", 400, 500), new("B", "CON", 350, null), new("C", "LAB", 300, 420)),
            var m when m.StartsWith("first") => Mayor(VotingSystem.FirstPastThePost, new("A", "LD", 400, 500), new("B", "CON", 350, 360)),
            _ => Mayor(VotingSystem.FirstPastThePost, new("A", "LD", 400, null), new("B", "CON", 400, null)),
        };

        Assert.Contains(declaration.Check(Parties), p => p.Message.Contains(message));
    }
}
