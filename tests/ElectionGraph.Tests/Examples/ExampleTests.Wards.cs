using System.Text.Json;
using ElectionGraph.Domain;
using ElectionGraph.Tests.Support;
using static ElectionGraph.Tests.Support.WardFiles;

namespace ElectionGraph.Tests.Examples;

/// <summary>The ward-level examples, each checked against seed/ballots.csv and seed/candidates.csv read as plain CSV.</summary>
public partial class ExampleTests
{
    private static void ClosestWards(JsonElement data)
    {
        var closest = Ballots.Where(b => !b.Uncontested).OrderBy(b => b.Majority).ThenBy(b => b.Id, Ordinal).Take(10).ToList();
        var nodes = Nodes(data.GetProperty("ballots")).ToList();

        Assert.Equal(
            closest.Select(b => (b.Id, b.CouncilName, b.WardName, b.Seats, b.Majority, Ballot.Share(b.Majority, b.TotalVotes))),
            nodes.Select(n => (Value<string>(n, "id"), Value<string>(n, "council.name"), Value<string>(n, "ward.name"), Value<int>(n, "seatsContested"),
                Value<int?>(n, "majority"), Value<decimal?>(n, "majorityShare"))));
        Assert.Equal(
            closest.Select(b => Joined(b.Candidates.OrderByDescending(c => c.Votes).ThenByDescending(c => c.Elected).ThenBy(c => c.Name, Ordinal)
                .Select(c => $"{c.Name}|{c.Party}|{c.Votes}|{c.Elected}"))),
            nodes.Select(n => Joined(n.GetProperty("candidates").EnumerateArray()
                .Select(c => $"{Value<string>(c, "name")}|{Value<string>(c, "partyCode")}|{Value<int?>(c, "votes")}|{Value<bool>(c, "elected")}"))));
    }

    private static void NationalVoteShare(JsonElement data)
    {
        var rows = VoteShares(_ => "");
        var answer = data.GetProperty("voteTotals").EnumerateArray().ToList();

        Assert.Equal(rows.Select(r => (r.Party, r.Votes, r.Share, r.Candidates, r.Won, r.Unopposed)),
            answer.Select(n => (Value<string>(n, "partyCode"), Value<int>(n, "votes"), Value<decimal?>(n, "share"), Value<int>(n, "candidates"),
                Value<int>(n, "seatsWon"), Value<int>(n, "seatsWonUnopposed"))));
        // The figures the issue names, stated once more on their own.
        Assert.Equal(rows.Single(r => r.Party == "LAB").Share, Value<decimal?>(answer.Single(n => Value<string>(n, "partyCode") == "LAB"), "share"));
        Assert.Equal(rows.Single(r => r.Party == "CON").Share, Value<decimal?>(answer.Single(n => Value<string>(n, "partyCode") == "CON"), "share"));
        var uncontested = Ballots.Where(b => b.Uncontested).ToList();
        Assert.All(answer, n => Assert.Equal(
            (uncontested.Count, uncontested.Sum(b => b.Seats), Ballots.Count - uncontested.Count, Ballots.Sum(b => b.TotalVotes ?? 0)),
            (Value<int>(n, "coverage.uncontested"), Value<int>(n, "coverage.uncontestedSeats"), Value<int>(n, "coverage.contested"), Value<int>(n, "coverage.votes"))));
        Assert.All(answer, n => Assert.Equal(Colour(Value<string>(n, "partyCode")), Value<string?>(n, "party.colour")));
    }

    private static void VoteShareByRegion(JsonElement data) =>
        Assert.Equal(
            VoteShares(b => b.Region).Select(r => (r.Group, r.Party, r.Votes, r.Share, r.Won, r.GroupVotes)),
            data.GetProperty("voteTotals").EnumerateArray().Select(n => (Value<string>(n, "region"), Value<string>(n, "partyCode"),
                Value<int>(n, "votes"), Value<decimal?>(n, "share"), Value<int>(n, "seatsWon"), Value<int>(n, "coverage.votes"))));

    private static void CleanSweeps(JsonElement data)
    {
        var sweeps = Ballots.Where(b => b.Seats > 1 && b.Candidates.Where(c => c.Elected).All(c => c.Party == "LD"))
            .OrderBy(b => b.CouncilName, Ordinal).ThenBy(b => b.WardName, Ordinal).ThenBy(b => b.Id, Ordinal).ToList();
        var ballots = data.GetProperty("ballots");

        Assert.NotEmpty(sweeps);
        Assert.Equal(sweeps.Count, Value<int>(ballots, "totalCount"));
        Assert.Equal(sweeps.Select(b => (b.CouncilName, b.WardName, b.Seats, b.Uncontested)),
            Nodes(ballots).Select(n => (Value<string>(n, "council.name"), Value<string>(n, "ward.name"), Value<int>(n, "seatsContested"), Value<bool>(n, "uncontested"))));
    }

    private static void GreenWardsWon(JsonElement data)
    {
        var gains = SeatChanges.Where(c => c.PartyCode == "GRN" && c.Change > 0).OrderBy(c => c.Council.Name, Ordinal).ThenBy(c => c.Id, Ordinal).ToList();
        var won = Candidacies.Where(x => x.Candidate.Party == "GRN" && x.Candidate.Elected)
            .OrderBy(x => x.Ballot.CouncilName, Ordinal).ThenBy(x => x.Ballot.WardName, Ordinal).ThenByDescending(x => x.Candidate.Votes)
            .ThenBy(x => $"{x.Ballot.Id}:{x.Candidate.Name}", Ordinal)
            .ToList();
        var (gained, wards) = (data.GetProperty("gains"), data.GetProperty("wards"));

        Assert.Equal(gains.Count, Value<int>(gained, "totalCount"));
        Assert.Equal(gains.Select(c => (c.Council.Code, c.Won, c.Change)),
            Nodes(gained).Select(n => (Value<string>(n, "council.code"), Value<int>(n, "won"), Value<int?>(n, "change"))));
        Assert.Equal(won.Count, Value<int>(wards, "totalCount"));
        Assert.Equal(
            won.Select(x => (x.Ballot.CouncilCode, x.Ballot.WardName, x.Candidate.Name, x.Candidate.Votes,
                Ballot.Share(x.Candidate.Votes, x.Ballot.TotalVotes), x.Ballot.Majority)),
            Nodes(wards).Select(n => (Value<string>(n, "council.code"), Value<string>(n, "ward.name"), Value<string>(n, "name"), Value<int?>(n, "votes"),
                Value<decimal?>(n, "share"), Value<int?>(n, "ballot.majority"))));
        // Every English council the Greens gained in has a ward a Green won (Northern Ireland's counts have no ballots yet).
        Assert.Empty(gains.Where(c => c.Council.Nation == Nation.England).Select(c => c.Council.Code).Except(won.Select(x => x.Ballot.CouncilCode)));
    }

    /// <summary>Each party's votes and seats per group of ballots, its share of the group's votes, as voteTotals orders them.</summary>
    private static List<(string Group, string Party, int Votes, decimal? Share, int Candidates, int Won, int Unopposed, int GroupVotes)> VoteShares(
        Func<Ballot, string> group) =>
        Candidacies.GroupBy(x => group(x.Ballot))
            .SelectMany(g =>
            {
                var groupVotes = g.Sum(x => x.Candidate.Votes ?? 0);
                return g.GroupBy(x => x.Candidate.Party).Select(p =>
                {
                    var votes = p.Sum(x => x.Candidate.Votes ?? 0);
                    return (Group: g.Key, Party: p.Key, Votes: votes, Share: Ballot.Share(votes, groupVotes), Candidates: p.Count(),
                        Won: p.Count(x => x.Candidate.Elected), Unopposed: p.Count(x => x.Candidate.Elected && x.Ballot.Uncontested), GroupVotes: groupVotes);
                });
            })
            .OrderBy(r => r.Group, Ordinal).ThenByDescending(r => r.Votes).ThenByDescending(r => r.Won).ThenBy(r => r.Party, Ordinal)
            .ToList();
}
