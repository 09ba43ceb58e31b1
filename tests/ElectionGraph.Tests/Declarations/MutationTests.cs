using System.Text.Json;
using ElectionGraph.Domain.Results;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Declarations;

/// <summary>The results desk's mutations on a polling-day store: checked, idempotent, version-guarded, desk only.</summary>
public sealed class MutationTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly ApiFactory _api;
    private readonly ResultsDesk _desk;

    public MutationTests()
    {
        _api = new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay);
        _desk = new ResultsDesk(_api);
    }

    private static CouncilResult Ashfield => Seed.Documents.CouncilResults.Single(r => r.Council.Code == "E07000170");

    private static string? Code(JsonElement response) =>
        response.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;

    private static JsonElement Extensions(JsonElement response) => response.GetProperty("errors")[0].GetProperty("extensions");

    [Fact]
    public async Task Polling_day_has_the_councils_and_no_results_until_the_desk_declares()
    {
        var before = await _api.QueryAsync("""{ councils { totalCount } councilResults(electionId: "local.2019-05-02") { totalCount } }""");
        var declared = await _desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(Ashfield, "desk-1") });
        var after = await _api.QueryAsync("""{ councilResults(electionId: "local.2019-05-02") { totalCount nodes { council { name } version control { before after changed } } } }""");

        Assert.Equal((259, 0), (before.GetProperty("councils").GetProperty("totalCount").GetInt32(), before.GetProperty("councilResults").GetProperty("totalCount").GetInt32()));
        Assert.Null(Code(declared));
        Assert.Equal("""{"council":{"name":"Ashfield"},"version":1,"control":{"before":"NOC","after":"ASHFIELD_IND","changed":true}}""",
            after.GetProperty("councilResults").GetProperty("nodes")[0].GetRawText());
    }

    [Fact]
    public async Task A_repeated_declaration_returns_the_stored_result_and_changes_nothing()
    {
        var first = await _desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(Ashfield, "desk-1") });
        var stored = await _api.QueryAsync("""{ council(code: "E07000170") { results { version updatedAt } } }""");
        var repeat = await _desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(Ashfield, "desk-1") });
        var after = await _api.QueryAsync("""{ council(code: "E07000170") { results { version updatedAt } } }""");

        Assert.Equal(first.GetProperty("data").GetRawText(), repeat.GetProperty("data").GetRawText());
        Assert.Equal(stored.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task A_second_declaration_is_refused_and_a_stale_correction_is_a_conflict_carrying_the_current_version()
    {
        await _desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(Ashfield, "desk-1") });
        var again = await _desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(Ashfield, "desk-2") });
        var corrected = await _desk.SendAsync(ResultsDesk.Correct, new { input = ResultsDesk.Input(Ashfield, "desk-3", expectedVersion: 1) });
        var stale = await _desk.SendAsync(ResultsDesk.Correct, new { input = ResultsDesk.Input(Ashfield, "desk-4", expectedVersion: 1) });
        var missing = await _desk.SendAsync(ResultsDesk.Correct, new { input = ResultsDesk.Input(ResultsDesk.Declarable.First(r => r.Council.Code != "E07000170"), "desk-5", expectedVersion: 1) });

        Assert.Equal(("ALREADY_DECLARED", 1), (Code(again), Extensions(again).GetProperty("currentVersion").GetInt32()));
        Assert.Equal(2, corrected.GetProperty("data").GetProperty("correctCouncilResult").GetProperty("version").GetInt32());
        Assert.Equal(("CONFLICT", 2), (Code(stale), Extensions(stale).GetProperty("currentVersion").GetInt32()));
        Assert.Equal("NOT_DECLARED", Code(missing));
    }

    [Fact]
    public async Task Invalid_declarations_are_refused_with_each_problem_by_field()
    {
        var input = ResultsDesk.Input(Ashfield, "desk-1");
        var seats = (List<Dictionary<string, object?>>)input["seats"]!;
        seats[0]["won"] = 29;
        seats[1]["partyCode"] = "NOPE";

        var refused = await _desk.SendAsync(ResultsDesk.Declare, new { input });
        var elsewhere = ResultsDesk.Input(Ashfield, "desk-2");
        elsewhere["councilCode"] = "E99999999";
        var unknownCouncil = await _desk.SendAsync(ResultsDesk.Declare, new { input = elsewhere });

        Assert.Equal("INVALID_DECLARATION", Code(refused));
        Assert.Equal(
            ["seats[1].partyCode: unknown party 'NOPE'", "seats: seats won add up to 34, not the 35 seats up"],
            Extensions(refused).GetProperty("problems").EnumerateArray().Select(p => $"{p.GetProperty("field").GetString()}: {p.GetProperty("message").GetString()}"));
        Assert.Equal("NOT_FOUND", Code(unknownCouncil));
        Assert.Equal(0, (await _api.QueryAsync("""{ councilResults(electionId: "local.2019-05-02") { totalCount } }""")).GetProperty("councilResults").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Only_the_results_desk_may_declare()
    {
        var body = new { query = ResultsDesk.Declare, variables = new { input = ResultsDesk.Input(Ashfield, "desk-1") } };
        using var anonymous = await _api.CreateClient().PostAsync("/graphql", Json(body));
        var wrongKey = _api.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "guess");
        using var guessed = await wrongKey.PostAsync("/graphql", Json(body));

        Assert.Equal((401, "UNAUTHENTICATED"), ((int)anonymous.StatusCode, Code(await Read(anonymous))));
        Assert.Equal((401, "INVALID_API_KEY"), ((int)guessed.StatusCode, Code(await Read(guessed))));
        Assert.Equal(0, (await _api.QueryAsync("""{ councilResults(electionId: "local.2019-05-02") { totalCount } }""")).GetProperty("councilResults").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_mayoral_declaration_gets_its_winner_from_the_rounds()
    {
        var declared = await _desk.SendAsync("""
            mutation { declareMayoralResult(input: {
              declarationId: "m-1", mayoraltyId: "mayor.mansfield.2019-05-02", electionId: "local.2019-05-02", areaName: "Mansfield",
              votingSystem: SUPPLEMENTARY_VOTE, previousPartyCode: "MIF",
              candidates: [
                { name: "Andy Abrahams", partyCode: "LAB", firstRound: 6881, secondRound: 7930 },
                { name: "Kate Allsop", partyCode: "MIF", firstRound: 5860, secondRound: 7928 },
                { name: "Steve Garner", partyCode: "IND", firstRound: 4827 } ] }) { winner { name } candidates { name elected } version } }
            """);
        var tied = await _desk.SendAsync("""
            mutation { declareMayoralResult(input: {
              declarationId: "m-2", mayoraltyId: "mayor.x.2019-05-02", electionId: "local.2019-05-02", areaName: "X", votingSystem: FIRST_PAST_THE_POST,
              candidates: [ { name: "A", partyCode: "LAB", firstRound: 10 }, { name: "B", partyCode: "CON", firstRound: 10 } ] }) { id } }
            """);

        Assert.Equal("Andy Abrahams", declared.GetProperty("data").GetProperty("declareMayoralResult").GetProperty("winner").GetProperty("name").GetString());
        Assert.Equal("INVALID_DECLARATION", Code(tied));
    }

    [Fact]
    public async Task Rehearsal_mode_flags_every_answer()
    {
        using var rehearsal = new ApiFactory(_data["rehearsal"], settings: new Dictionary<string, string>(ResultsDesk.PollingDay) { ["ElectionGraph:Rehearsal"] = "true" });

        var query = await rehearsal.PostAsync(new { query = "{ elections { totalCount } }" });
        var refused = await rehearsal.PostAsync(new { query = "{ nope }" });

        Assert.True(query.GetProperty("extensions").GetProperty("rehearsal").GetBoolean());
        Assert.True(refused.GetProperty("extensions").GetProperty("rehearsal").GetBoolean());
        Assert.False((await _api.PostAsync(new { query = "{ elections { totalCount } }" })).GetProperty("extensions").TryGetProperty("rehearsal", out _));
    }

    [Fact]
    public async Task Results_of_a_test_election_are_flagged_as_practice_data()
    {
        using var seed = new SeedCopy();
        seed.ReplaceLine("elections.csv", 1, header => header + ",test");
        seed.ReplaceLine("elections.csv", 2, row => row + ",true");
        using var practice = new ApiFactory(_data["practice"], settings: new Dictionary<string, string>(ResultsDesk.PollingDay) { ["ElectionGraph:Seed:Directory"] = seed.Path });

        await new ResultsDesk(practice).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(Ashfield, "desk-1") });
        var data = await practice.QueryAsync("""{ election(id: "local.2019-05-02") { test } councilResults(electionId: "local.2019-05-02") { nodes { test } } }""");

        Assert.Equal("""{"election":{"test":true},"councilResults":{"nodes":[{"test":true}]}}""", data.GetRawText());
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Read(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public void Dispose()
    {
        _api.Dispose();
        _data.Dispose();
    }
}
