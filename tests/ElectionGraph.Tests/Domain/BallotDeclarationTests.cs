using ElectionGraph.Domain;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Results;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Domain;

public class BallotDeclarationTests
{
    private const string Id = "local.allerdale.all-saints.2019-05-02";
    private static readonly DateTime Night = new(2019, 5, 3, 1, 15, 0, DateTimeKind.Utc);

    /// <summary>After Allerdale, All Saints 2019, on polling day: three seats, its first five candidates of nine.</summary>
    private static readonly Ballot AllSaints = new Ballot
    {
        Id = Id,
        ElectionId = "local.2019-05-02",
        Council = new CouncilSummary("E07000026", "Allerdale", "North West", CouncilType.District, Nation.England),
        Ward = new Ward("All Saints", "E05011720"),
        SeatsContested = 3,
        Uncontested = false,
        Candidates = [Nominee("Alan Smith", "LAB"), Nominee("Alan Tyson", "CON"), Nominee("Christine Smith", "LAB"), Nominee("Keith Skelton", "LAB"), Nominee("Ron Munby", "CON")],
        Status = BallotStatus.Awaiting,
    };

    private static BallotCandidate Nominee(string name, string party) => new(name, party, null, null, false);

    private static DeclaredBallotCandidate D(string name, int votes, bool elected) => new(name, votes, elected);

    private static readonly DeclaredBallotCandidate[] Count =
        [D("Keith Skelton", 573, false), D("Alan Tyson", 674, true), D("Christine Smith", 524, false), D("Ron Munby", 591, true), D("Alan Smith", 666, true)];

    private static BallotDeclaration Declaration(params DeclaredBallotCandidate[] candidates) => new("desk-1", Id, candidates, Night);

    [Fact]
    public void A_declared_count_is_ranked_and_shared_with_each_candidate_s_party_from_the_nomination()
    {
        var declaration = Declaration(Count);

        Assert.Empty(declaration.Check(AllSaints));
        var ballot = declaration.ToBallot(AllSaints, ["earlier"]);

        Assert.Equal(
            [("Alan Tyson", "CON", 674, 22.3m, true), ("Alan Smith", "LAB", 666, 22.0m, true), ("Ron Munby", "CON", 591, 19.5m, true),
             ("Keith Skelton", "LAB", 573, 18.9m, false), ("Christine Smith", "LAB", 524, 17.3m, false)],
            ballot.Candidates.Select(c => (c.Name, c.PartyCode, c.Votes!.Value, c.Share!.Value, c.Elected)));
        Assert.Equal((3028, 18, 0.6m), (ballot.TotalVotes, ballot.Majority, ballot.MajorityShare));
        Assert.Equal((BallotStatus.Declared, true, Night), (ballot.Status, ballot.IsDeclared, ballot.DeclaredAt!.Value));
        Assert.Equal(["earlier", "desk-1"], ballot.DeclarationIds);
        Assert.Equal((AllSaints.Id, AllSaints.Ward, AllSaints.Council, 3), (ballot.Id, ballot.Ward, ballot.Council, ballot.SeatsContested));
    }

    [Fact]
    public void A_tie_for_the_last_seat_may_fall_either_way_and_the_winner_is_placed_first()
    {
        var declaration = Declaration(D("Keith Skelton", 591, false), D("Alan Tyson", 674, true), D("Christine Smith", 524, false), D("Ron Munby", 591, true), D("Alan Smith", 666, true));

        Assert.Empty(declaration.Check(AllSaints));
        var ballot = declaration.ToBallot(AllSaints, []);
        Assert.Equal(["Alan Tyson", "Alan Smith", "Ron Munby", "Keith Skelton", "Christine Smith"], ballot.Candidates.Select(c => c.Name));
        Assert.Equal(0, ballot.Majority);
    }

    [Theory]
    [InlineData("candidates[2].name", "unknown candidate 'Chris Smith': the ballot's candidates are 'Alan Smith', 'Alan Tyson', 'Christine Smith', 'Keith Skelton', 'Ron Munby'")]
    [InlineData("candidates[5].name", "'Alan Smith' is given twice")]
    [InlineData("candidates", "'Christine Smith' is on the ballot but left out")]
    [InlineData("candidates[1].votes", "cannot be negative")]
    [InlineData("candidates", "2 elected, but the ballot fills 3 seats")]
    [InlineData("candidates[3].elected", "'Ron Munby' is elected with 591 votes, fewer than 'Keith Skelton' (not elected) with 600")]
    public void Bad_declarations_name_the_field_at_fault(string field, string message)
    {
        var candidates = Count.ToList();
        switch (message)
        {
            case var m when m.StartsWith("unknown", StringComparison.Ordinal): candidates[2] = D("Chris Smith", 524, false); break;
            case var m when m.Contains("twice", StringComparison.Ordinal): candidates.Add(D("Alan Smith", 666, true)); break;
            case var m when m.Contains("left out", StringComparison.Ordinal): candidates.RemoveAt(2); break;
            case var m when m.Contains("negative", StringComparison.Ordinal): candidates[1] = D("Alan Tyson", -1, true); break;
            case var m when m.Contains("elected, but", StringComparison.Ordinal): candidates[3] = D("Ron Munby", 591, false); break;
            default: candidates[0] = D("Keith Skelton", 600, false); break;
        }

        var problems = Declaration([.. candidates]).Check(AllSaints);

        Assert.Contains(problems, p => p.Field == field && p.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_uncontested_ballot_has_no_count_to_declare()
    {
        var allhallows = Seed.Documents.Ballots.Single(b => b.Id == "local.allerdale.allhallows-and-waverton.2019-05-02");

        var problem = Assert.Single(new BallotDeclaration("desk-1", allhallows.Id, [D("Mike Johnson", 0, true)], Night).Check(allhallows));

        Assert.Equal("ballotId", problem.Field);
        Assert.Contains("returned unopposed", problem.Message);
    }

    [Fact]
    public void A_correction_is_checked_against_the_declared_ballot_s_candidates_and_adds_its_declaration()
    {
        var declared = Declaration(Count).ToBallot(AllSaints, []);
        var corrected = new BallotDeclaration("desk-2", Id, [.. Count.Select(c => c.Name == "Ron Munby" ? c with { Votes = 581 } : c)], Night.AddHours(1));

        Assert.Empty(corrected.Check(declared));
        var ballot = corrected.ToBallot(declared, declared.DeclarationIds);
        Assert.Equal(["desk-1", "desk-2"], ballot.DeclarationIds);
        Assert.Equal((3018, 8, Night.AddHours(1)), (ballot.TotalVotes, ballot.Majority, ballot.DeclaredAt!.Value));
        var misnamed = corrected with { Candidates = [.. Count.SkipLast(1), D("Alan Smyth", 666, true)] };
        Assert.Equal(["candidates[4].name", "candidates"], misnamed.Check(declared).Select(p => p.Field));
    }

    [Fact]
    public void A_declaration_for_another_ballot_is_the_caller_s_mistake()
    {
        Assert.Throws<ArgumentException>(() => (Declaration(Count) with { BallotId = "local.allerdale.aspatria.2019-05-02" }).Check(AllSaints));
    }

    /// <summary>Every contested ward of the seed, on polling day, declared with its own figures: the replay can play every one.</summary>
    [Fact]
    public void Every_seed_ballot_declared_back_from_its_nomination_with_its_own_figures_is_the_seed_ballot()
    {
        var contested = Seed.Documents.Ballots.Where(b => !b.Uncontested).ToList();

        Assert.All(contested, seeded =>
        {
            var declaration = new BallotDeclaration("replay", seeded.Id, [.. seeded.Candidates.Select(c => new DeclaredBallotCandidate(c.Name, c.Votes!.Value, c.Elected))], Night);
            var nominated = seeded.AsNominated();

            Assert.Empty(declaration.Check(nominated));
            var declared = declaration.ToBallot(nominated, []);
            Assert.Equal(seeded.Candidates, declared.Candidates);
            Assert.Equal(seeded, declared with { Candidates = seeded.Candidates, DeclaredAt = null, DeclarationIds = seeded.DeclarationIds });
            Assert.Equal((Night, "replay"), (declared.DeclaredAt!.Value, Assert.Single(declared.DeclarationIds)));
        });
        Assert.Equal(5270 - 118, contested.Count);
    }
}
