using System.Text.Json;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Wards;

/// <summary>Results night ward by ward: the desk declares counts through the public mutation, partners subscribe.</summary>
public sealed class WardDeclarationTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly ApiFactory _api;
    private readonly ResultsDesk _desk;

    public WardDeclarationTests()
    {
        _api = new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay);
        _desk = new ResultsDesk(_api);
    }

    /// <summary>Eden's contested wards (a district council of 2019), as the seed's final counts.</summary>
    private static List<Ballot> Eden => Seed.Documents.Ballots.Where(b => b.Council.Code == "E07000030" && !b.Uncontested).OrderBy(b => b.Id, StringComparer.Ordinal).ToList();

    [Fact]
    public async Task On_polling_day_a_contested_ballot_awaits_its_count_with_its_candidates_known()
    {
        var ballot = Eden[0];
        var stored = (await _api.QueryAsync($$"""{ node(id: "{{ballot.Id}}") { ... on Ballot { status totalVotes candidates { name votes elected } } } }""")).GetProperty("node");

        Assert.Equal("AWAITING", stored.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("totalVotes").ValueKind);
        Assert.Equal(ballot.Candidates.Select(c => c.Name).Order(StringComparer.Ordinal), stored.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.All(stored.GetProperty("candidates").EnumerateArray(), c => Assert.False(c.GetProperty("elected").GetBoolean()));
    }

    [Fact]
    public async Task A_subscriber_to_one_council_gets_each_of_its_wards_as_declared_and_no_other_council_s()
    {
        await using var socket = await GraphQLSocket.ReadyAsync(_api);
        await socket.SubscribedAsync("eden", """subscription { ballotDeclared(electionId: "local.2019-05-02", where: { council: { code: { eq: "E07000030" } } }) { id status majority } }""");
        var elsewhere = Seed.Documents.Ballots.First(b => b.Council.Code != "E07000030" && !b.Uncontested);

        foreach (var (ballot, n) in Eden.Take(3).Select((b, n) => (b, n)))
        {
            // Another council's ward first: the subscriber must not hear of it.
            if (n == 1) AssertAccepted(await _desk.SendAsync(ResultsDesk.DeclareBallot, new { input = ResultsDesk.BallotInput(elsewhere, "elsewhere-1") }));
            var declared = AssertAccepted(await _desk.SendAsync(ResultsDesk.DeclareBallot, new { input = ResultsDesk.BallotInput(ballot, $"eden-{n}") }));
            Assert.Equal(("DECLARED", ballot.Majority), (declared.GetProperty("status").GetString(), declared.GetProperty("majority").Deserialize<int?>()));

            var next = (await socket.ReceiveAsync())!.Value;
            Assert.Equal(("next", "eden"), (next.GetProperty("type").GetString(), next.GetProperty("id").GetString()));
            var delivered = next.GetProperty("payload").GetProperty("data").GetProperty("ballotDeclared");
            Assert.Equal((ballot.Id, "DECLARED", ballot.Majority), (delivered.GetProperty("id").GetString(), delivered.GetProperty("status").GetString(), delivered.GetProperty("majority").Deserialize<int?>()));
        }
    }

    [Fact]
    public async Task A_declaration_stores_the_seed_s_figures_once_and_a_stale_correction_is_a_conflict()
    {
        var ballot = Eden[1];
        var first = AssertAccepted(await _desk.SendAsync(ResultsDesk.DeclareBallot, new { input = ResultsDesk.BallotInput(ballot, "d-1") }));
        var again = AssertAccepted(await _desk.SendAsync(ResultsDesk.DeclareBallot, new { input = ResultsDesk.BallotInput(ballot, "d-1") }));

        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(ballot.Candidates.Select(c => (c.Name, c.Votes, c.Share, c.Elected)),
            first.GetProperty("candidates").EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("votes").Deserialize<int?>(),
                c.GetProperty("share").Deserialize<decimal?>(), c.GetProperty("elected").GetBoolean())));
        Assert.Equal("ALREADY_DECLARED", Code(await _desk.SendAsync(ResultsDesk.DeclareBallot, new { input = ResultsDesk.BallotInput(ballot, "d-2") })));

        var version = first.GetProperty("version").GetInt64();
        AssertAccepted(await _desk.SendAsync(ResultsDesk.DeclareBallot, new { input = ResultsDesk.BallotInput(ballot, "d-3", expectedVersion: version) }));
        Assert.Equal("CONFLICT", Code(await _desk.SendAsync(ResultsDesk.DeclareBallot, new { input = ResultsDesk.BallotInput(ballot, "d-4", expectedVersion: version) })));
    }

    [Fact]
    public async Task A_count_the_domain_refuses_is_refused_with_each_problem_and_stores_nothing()
    {
        var ballot = Eden[2];
        var input = ResultsDesk.BallotInput(ballot, "bad-1");
        var candidates = (List<Dictionary<string, object?>>)input["candidates"]!;
        candidates[0]["name"] = "Nobody Nominated";
        foreach (var candidate in candidates) candidate["elected"] = true;

        var response = await _desk.SendAsync(ResultsDesk.DeclareBallot, new { input });

        Assert.Equal("INVALID_DECLARATION", Code(response));
        var fields = response.GetProperty("errors")[0].GetProperty("extensions").GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()).ToList();
        Assert.Contains("candidates[0].name", fields);
        Assert.Contains("candidates", fields);
        var stored = (await _api.QueryAsync($$"""{ node(id: "{{ballot.Id}}") { ... on Ballot { status version } } }""")).GetProperty("node");
        Assert.Equal(("AWAITING", 1), (stored.GetProperty("status").GetString(), stored.GetProperty("version").GetInt32()));
        Assert.Equal("NOT_FOUND", Code(await _desk.SendAsync(ResultsDesk.DeclareBallot, new { input = ResultsDesk.BallotInput(ballot with { Id = "local.eden.nowhere.2019-05-02" }, "bad-2") })));
    }

    private static JsonElement AssertAccepted(JsonElement response)
    {
        Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
        return response.GetProperty("data").GetProperty("declareBallotResult");
    }

    private static string? Code(JsonElement response) =>
        response.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();

    public void Dispose()
    {
        _api.Dispose();
        _data.Dispose();
    }
}
