using System.Text.Json;
using ElectionGraph.Tests.Support;
using static ElectionGraph.Tests.Support.WardFiles;

namespace ElectionGraph.Tests.Wards;

/// <summary>The ward-level fields beyond the partner examples, against the seed's ward files read as plain CSV.</summary>
public class BallotQueryTests(SeededApi seeded) : IClassFixture<SeededApi>
{
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;

    [Fact]
    public async Task A_council_result_lists_its_ballots_in_ward_order_and_a_Northern_Ireland_result_none()
    {
        var data = await seeded.Api.QueryAsync("""
            {
              allerdale: node(id: "local.2019-05-02:E07000026") { ... on CouncilResult { ballots { id ward { name code } seatsContested uncontested totalVotes } } }
              belfast: node(id: "local.2019-05-02:N09000003") { ... on CouncilResult { ballots { id } } }
            }
            """);
        var expected = Ballots.Where(b => b.CouncilCode == "E07000026").OrderBy(b => b.WardName, Ordinal).ToList();

        Assert.Equal(23, expected.Count);
        Assert.Equal(expected.Select(b => (b.Id, b.WardName, b.Seats, b.Uncontested, b.TotalVotes)),
            data.GetProperty("allerdale").GetProperty("ballots").EnumerateArray().Select(b => (Text(b, "id"), b.GetProperty("ward").GetProperty("name").GetString()!,
                b.GetProperty("seatsContested").GetInt32(), b.GetProperty("uncontested").GetBoolean(), b.GetProperty("totalVotes").Deserialize<int?>())));
        Assert.Empty(data.GetProperty("belfast").GetProperty("ballots").EnumerateArray());
    }

    [Fact]
    public async Task Vote_totals_by_council_and_party_over_a_slice_share_each_council_s_own_vote()
    {
        var data = await seeded.Api.QueryAsync("""
            { voteTotals(electionId: "local.2019-05-02", where: { council: { region: { eq: "North East" } } }, groupBy: [COUNCIL, PARTY]) {
                councilCode council { name } partyCode votes share candidates seatsWon seatsWonUnopposed coverage { ballots contested uncontestedSeats votes } } }
            """);
        var slice = Candidacies.Where(x => x.Ballot.Region == "North East").ToList();
        var expected = slice.GroupBy(x => x.Ballot.CouncilCode).SelectMany(council =>
            {
                var councilVotes = council.Sum(x => x.Candidate.Votes ?? 0);
                var ballots = council.Select(x => x.Ballot).Distinct().ToList();
                return council.GroupBy(x => x.Candidate.Party).Select(party =>
                {
                    var votes = party.Sum(x => x.Candidate.Votes ?? 0);
                    return (Council: council.Key, Name: ballots[0].CouncilName, Party: party.Key, Votes: votes, Share: Ballot.Share(votes, councilVotes),
                        Candidates: party.Count(), Won: party.Count(x => x.Candidate.Elected), Unopposed: party.Count(x => x.Candidate.Elected && x.Ballot.Uncontested),
                        Ballots: ballots.Count, Contested: ballots.Count(b => !b.Uncontested), UncontestedSeats: ballots.Where(b => b.Uncontested).Sum(b => b.Seats),
                        CouncilVotes: councilVotes);
                });
            })
            .OrderBy(r => r.Council, Ordinal).ThenByDescending(r => r.Votes).ThenByDescending(r => r.Won).ThenBy(r => r.Party, Ordinal)
            .ToList();

        Assert.True(expected.Select(r => r.Council).Distinct().Count() > 1, "the slice should hold several councils");
        Assert.Equal(expected, data.GetProperty("voteTotals").EnumerateArray().Select(t => (
            Text(t, "councilCode"), t.GetProperty("council").GetProperty("name").GetString()!, Text(t, "partyCode"), Number(t, "votes"),
            t.GetProperty("share").Deserialize<decimal?>(), Number(t, "candidates"), Number(t, "seatsWon"), Number(t, "seatsWonUnopposed"),
            Number(t.GetProperty("coverage"), "ballots"), Number(t.GetProperty("coverage"), "contested"), Number(t.GetProperty("coverage"), "uncontestedSeats"),
            Number(t.GetProperty("coverage"), "votes"))));
    }

    [Fact]
    public async Task Vote_totals_not_grouped_by_party_have_no_share_and_add_up_to_the_ward_files()
    {
        var total = Assert.Single((await seeded.Api.QueryAsync("""
            { voteTotals(electionId: "local.2019-05-02") { region partyCode votes share candidates seatsWon seatsWonUnopposed coverage { ballots uncontested } } }
            """)).GetProperty("voteTotals").EnumerateArray());

        Assert.Equal(
            (null, null, Candidacies.Sum(x => x.Candidate.Votes ?? 0), null, Candidacies.Count(), Candidacies.Count(x => x.Candidate.Elected),
                Ballots.Where(b => b.Uncontested).Sum(b => b.Seats), Ballots.Count, Ballots.Count(b => b.Uncontested)),
            (total.GetProperty("region").GetString(), total.GetProperty("partyCode").GetString(), Number(total, "votes"), total.GetProperty("share").Deserialize<decimal?>(),
                Number(total, "candidates"), Number(total, "seatsWon"), Number(total, "seatsWonUnopposed"),
                Number(total.GetProperty("coverage"), "ballots"), Number(total.GetProperty("coverage"), "uncontested")));
    }

    [Fact]
    public async Task A_ballot_is_a_node_and_links_to_its_council_result()
    {
        var ballot = (await seeded.Api.QueryAsync("""
            { node(id: "local.eden.appleby-appleby.2019-05-02") { __typename ... on Ballot { council { code } councilResult { id } candidates { name } } } }
            """)).GetProperty("node");

        Assert.Equal(("Ballot", "E07000030", "local.2019-05-02:E07000030"),
            (Text(ballot, "__typename"), Text(ballot.GetProperty("council"), "code"), Text(ballot.GetProperty("councilResult"), "id")));
        Assert.Equal(Ballots.Single(b => b.Id == "local.eden.appleby-appleby.2019-05-02").Candidates.Select(c => c.Name).Order(Ordinal),
            ballot.GetProperty("candidates").EnumerateArray().Select(c => Text(c, "name")).Order(Ordinal));
    }

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString()!;
    private static int Number(JsonElement e, string name) => e.GetProperty(name).GetInt32();
}
