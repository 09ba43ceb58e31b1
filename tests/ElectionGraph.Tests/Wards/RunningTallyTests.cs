using System.Text.Json;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Results;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Wards;

/// <summary>
/// A council counted ward by ward on results night: its tally and the national running tally (partyTotalsChanged's
/// seatsCounting) move with each ward, and its own declaration moves its seats into seatsWon.
/// </summary>
public sealed class RunningTallyTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly ApiFactory _api;
    private readonly ResultsDesk _desk;

    public RunningTallyTests()
    {
        _api = new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay);
        _desk = new ResultsDesk(_api);
    }

    /// <summary>A council the desk can declare as seeded, whose wards elect what its seat rows say: of those with three contested wards or more, the fewest.</summary>
    private static CouncilResult Council => ResultsDesk.Declarable
        .Where(r => Ballots(r).Count(b => !b.Uncontested) >= 3 && Elected(Ballots(r)).OrderBy(p => p.Key).SequenceEqual(r.Seats.Where(s => s.Won > 0).ToDictionary(s => s.PartyCode, s => s.Won).OrderBy(p => p.Key)))
        .MinBy(r => Ballots(r).Count(b => !b.Uncontested))!;

    private static List<Ballot> Ballots(CouncilResult result) =>
        Seed.Documents.Ballots.Where(b => b.Council.Code == result.Council.Code).OrderBy(b => b.Ward.Name, StringComparer.Ordinal).ToList();

    private static Dictionary<string, int> Elected(IEnumerable<Ballot> ballots) =>
        ballots.SelectMany(b => b.Candidates.Where(c => c.Elected)).GroupBy(c => c.PartyCode).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task Each_ward_moves_the_council_s_tally_and_the_running_totals_and_the_council_s_declaration_completes_them()
    {
        var result = Council;
        var ballots = Ballots(result);
        var contested = ballots.Where(b => !b.Uncontested).ToList();
        // Before any count, only uncontested wards are in: every council's, as none is declared.
        var counting = Elected(Seed.Documents.Ballots.Where(b => b.Uncontested));
        await using var socket = await GraphQLSocket.ReadyAsync(_api);
        await socket.SubscribedAsync("totals", """subscription { partyTotalsChanged(electionId: "local.2019-05-02") { partyCode seatsWon seatsCounting } }""");

        await AssertTallyAsync(result, ballots.Where(b => b.Uncontested).ToList(), contested.Count);
        foreach (var (ballot, n) in contested.Select((b, n) => (b, n)))
        {
            var response = await _desk.SendAsync(ResultsDesk.DeclareBallot, new { input = ResultsDesk.BallotInput(ballot, $"ward-{n}") });
            Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
            foreach (var (party, won) in Elected([ballot])) counting[party] = counting.GetValueOrDefault(party) + won;

            await AssertTallyAsync(result, [.. ballots.Where(b => b.Uncontested), .. contested.Take(n + 1)], contested.Count - n - 1);
            await TotalsArriveAsync(socket, new Dictionary<string, int>(), counting);
        }

        var declared = await _desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(result, "council") });
        Assert.False(declared.TryGetProperty("errors", out var refused), refused.ToString());
        foreach (var (party, won) in Elected(ballots)) counting[party] -= won;
        await TotalsArriveAsync(socket, result.Seats.Where(s => s.Won > 0).ToDictionary(s => s.PartyCode, s => s.Won), counting);
        var tally = (await _api.QueryAsync($$"""{ node(id: "{{result.Id}}") { ... on CouncilResult { tally { complete seatsDeclared seatsToCome } } } }""")).GetProperty("node").GetProperty("tally");
        Assert.Equal((true, result.SeatsUp, 0), (tally.GetProperty("complete").GetBoolean(), tally.GetProperty("seatsDeclared").GetInt32(), tally.GetProperty("seatsToCome").GetInt32()));
    }

    /// <summary>The council's tally as the API gives it, against the declared ballots' winners counted here.</summary>
    private async Task AssertTallyAsync(CouncilResult result, IReadOnlyList<Ballot> declared, int wardsToCome)
    {
        var tally = (await _api.QueryAsync($$"""
            { council(code: "{{result.Council.Code}}") { tally(electionId: "local.2019-05-02") { wardsDeclared wardsToCome seatsDeclared seatsToCome complete parties { partyCode seatsWon } } } }
            """)).GetProperty("council").GetProperty("tally");

        Assert.Equal(
            (declared.Count, wardsToCome, declared.Sum(b => b.SeatsContested), result.SeatsUp - declared.Sum(b => b.SeatsContested), wardsToCome == 0,
                string.Join(",", Elected(declared).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value}"))),
            (tally.GetProperty("wardsDeclared").GetInt32(), tally.GetProperty("wardsToCome").GetInt32(), tally.GetProperty("seatsDeclared").GetInt32(),
                tally.GetProperty("seatsToCome").GetInt32(), tally.GetProperty("complete").GetBoolean(),
                string.Join(",", tally.GetProperty("parties").EnumerateArray().Select(p => $"{p.GetProperty("partyCode").GetString()}:{p.GetProperty("seatsWon").GetInt32()}"))));
    }

    /// <summary>Waits for the totals that say these seats won and this running tally (newest totals win, so earlier ones may be skipped).</summary>
    private static async Task TotalsArriveAsync(GraphQLSocket socket, IReadOnlyDictionary<string, int> won, IReadOnlyDictionary<string, int> counting)
    {
        var expected = Describe(won.Keys.Union(counting.Keys).Select(p => (p, won.GetValueOrDefault(p), counting.GetValueOrDefault(p))));
        var seen = new List<string>();
        while (seen.LastOrDefault() != expected)
        {
            var message = await socket.ReceiveAsync() ?? throw new InvalidOperationException($"The socket closed; expected {expected}, saw {string.Join(" | ", seen)}");
            var totals = message.GetProperty("payload").GetProperty("data").GetProperty("partyTotalsChanged").EnumerateArray();
            seen.Add(Describe(totals.Select(t => (t.GetProperty("partyCode").GetString()!, t.GetProperty("seatsWon").GetInt32(), t.GetProperty("seatsCounting").GetInt32()))));
        }
    }

    private static string Describe(IEnumerable<(string Party, int Won, int Counting)> totals) =>
        string.Join(",", totals.Where(t => t.Won + t.Counting > 0).OrderBy(t => t.Party, StringComparer.Ordinal).Select(t => $"{t.Party}:{t.Won}+{t.Counting}"));

    public void Dispose()
    {
        _api.Dispose();
        _data.Dispose();
    }
}
