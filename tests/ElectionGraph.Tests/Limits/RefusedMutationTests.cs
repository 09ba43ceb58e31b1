using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Limits;

/// <summary>A declaration past a limit is refused before anything runs: nothing is written.</summary>
public sealed class RefusedMutationTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly ApiFactory _api;

    public RefusedMutationTests() => _api = new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay);

    public static TheoryData<string, string> Mutations => new()
    {
        { "TOO_MANY_ALIASES", "mutation($input: DeclareCouncilResultInput!) { " + string.Concat(Enumerable.Range(1, 51).Select(i => $"d{i}: declareCouncilResult(input: $input) {{ id }} ")) + "}" },
        { "NO_FRAGMENT_CYCLES", "mutation($input: DeclareCouncilResultInput!) { declareCouncilResult(input: $input) { ...Declared } } fragment Declared on CouncilResult { id ...Declared }" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task The_desks_mutation_past_a_limit_writes_nothing(string code, string mutation)
    {
        var response = await new ResultsDesk(_api).SendAsync(mutation, new { input = ResultsDesk.Input(ResultsDesk.Declarable[0], "d-1") });

        Assert.Equal([code], EveryTransport.Codes(response.GetProperty("errors")));
        Assert.False(response.TryGetProperty("data", out _));
        var stored = await _api.QueryAsync("""{ councilResults(electionId: "local.2019-05-02") { totalCount } }""");
        Assert.Equal(0, stored.GetProperty("councilResults").GetProperty("totalCount").GetInt32());
    }

    public void Dispose()
    {
        _api.Dispose();
        _data.Dispose();
    }
}
