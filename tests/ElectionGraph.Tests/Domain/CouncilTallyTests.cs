using ElectionGraph.Domain;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Results;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Domain;

public class CouncilTallyTests
{
    private const string Allerdale = "E07000026";

    private static Ballot Ward(string ward, int seats, BallotStatus status, params (string Party, bool Elected)[] candidates) => new()
    {
        Id = $"local.somewhere.{ward}.2019-05-02",
        ElectionId = "local.2019-05-02",
        Council = new CouncilSummary("E07000001", "Somewhere", "South West", CouncilType.District, Nation.England),
        Ward = new Ward(ward, null),
        SeatsContested = seats,
        Uncontested = false,
        Candidates = [.. candidates.Select((c, i) => new BallotCandidate($"Candidate {i}", c.Party, null, null, c.Elected))],
        Status = status,
    };

    [Fact]
    public void Declared_wards_give_their_winners_seats_and_the_rest_are_to_come()
    {
        var ballots = new[]
        {
            Ward("a", 2, BallotStatus.Declared, ("LD", true), ("CON", true), ("LAB", false)),
            Ward("b", 1, BallotStatus.Declared, ("LD", true), ("CON", false)),
            Ward("c", 3, BallotStatus.Awaiting, ("LD", false), ("CON", false), ("LAB", false), ("GRN", false)),
            Ward("d", 1, BallotStatus.Declared, ("CON", true), ("LAB", false)),
            Ward("e", 1, BallotStatus.Declared, ("GRN", true)) with { Uncontested = true },
        };

        var tally = CouncilTally.Of(ballots);

        Assert.Equal((4, 1, 5, 3), (tally.WardsDeclared, tally.WardsToCome, tally.SeatsDeclared, tally.SeatsToCome));
        Assert.Equal([new PartyTally("CON", 2), new PartyTally("LD", 2), new PartyTally("GRN", 1)], tally.Parties);
    }

    [Fact]
    public void On_polling_day_only_the_uncontested_wards_are_in()
    {
        var ballots = Seed.Documents.Ballots.Where(b => b.Council.Code == Allerdale).Select(b => b.AsNominated()).ToList();

        var tally = CouncilTally.Of(ballots);

        // Allhallows and Waverton, Boltons, and Marsh and Wampool (two seats): four Conservatives returned unopposed.
        Assert.Equal((3, 20, 4, 45), (tally.WardsDeclared, tally.WardsToCome, tally.SeatsDeclared, tally.SeatsToCome));
        Assert.Equal([new PartyTally("CON", 4)], tally.Parties);
    }

    [Fact]
    public void With_every_ward_in_the_seats_per_party_are_the_elected_candidates_and_the_council_s_seats_won()
    {
        var ballots = Seed.Documents.Ballots.Where(b => b.Council.Code == Allerdale).ToList();
        var result = Seed.Documents.CouncilResults.Single(r => r.Council.Code == Allerdale);

        var tally = CouncilTally.Of(ballots);

        Assert.Equal((ballots.Count, 0, result.SeatsUp, 0), (tally.WardsDeclared, tally.WardsToCome, tally.SeatsDeclared, tally.SeatsToCome));
        Assert.Equal(
            ballots.SelectMany(b => b.Candidates).Where(c => c.Elected).CountBy(c => c.PartyCode).ToDictionary(),
            tally.Parties.ToDictionary(p => p.PartyCode, p => p.SeatsWon));
        Assert.Equal(result.Seats.Where(s => s.Won > 0).Select(s => (s.PartyCode, s.Won)).Order(), tally.Parties.Select(p => (p.PartyCode, p.SeatsWon)).Order());
        Assert.Equal(tally.Parties.OrderByDescending(p => p.SeatsWon).ThenBy(p => p.PartyCode, StringComparer.Ordinal), tally.Parties);
    }
}
