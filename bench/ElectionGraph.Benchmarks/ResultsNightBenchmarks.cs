using System.Text.Json;
using BenchmarkDotNet.Attributes;
using GraphQL;

namespace ElectionGraph.Benchmarks;

/// <summary>
/// The four partner queries of the HTTP benchmark (bench/http, issue 11), executed and written as <c>POST /graphql</c>
/// does minus HTTP and without the response cache: what each costs the server, in time and in allocations, when it
/// must run.
/// </summary>
[MemoryDiagnoser]
public class ResultsNightBenchmarks
{
    public const string ResultsMap =
        $$"""{ councilResults(electionId: "{{ElectionData.ElectionId}}", first: 500) { nodes { council { code name region type } control { before after changed } seats { partyCode won change } } } }""";

    public const string LibDemGainsInTheSouthWest =
        $$"""{ seatChanges(electionId: "{{ElectionData.ElectionId}}", where: { partyCode: { eq: "LD" }, change: { gte: 1 }, council: { region: { eq: "South West" } } }, order: [{ change: DESC }]) { nodes { council { name } change control { before after } } } }""";

    public const string PartyTotals =
        $$"""{ partyTotals(electionId: "{{ElectionData.ElectionId}}") { partyCode seatsWon seatsChange councilsControlled councilsChange } }""";

    public const string CouncilPage =
        """{ council(code: "E07000170") { name type region results { electionId seatsUp totalSeats control { before after changed } seats { partyCode party { shortName colour } won change totalAfter } } } }""";

    private ElectionData _data = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _data = await ElectionData.LoadAsync();
        await _data.ExecuteCheckedAsync(ResultsMap, data => Count(data.GetProperty("councilResults").GetProperty("nodes"), 259));
        await _data.ExecuteCheckedAsync(LibDemGainsInTheSouthWest, data => data.GetProperty("seatChanges").GetProperty("nodes").GetArrayLength() > 0 ? null : "no gains");
        await _data.ExecuteCheckedAsync(PartyTotals, data => data.GetProperty("partyTotals").GetArrayLength() > 10 ? null : "too few parties");
        await _data.ExecuteCheckedAsync(CouncilPage, data => Count(data.GetProperty("council").GetProperty("results"), 1));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _data.DisposeAsync();

    [Benchmark(Description = "(a) results map: councilResults first 500")]
    public Task<ExecutionResult> Map() => _data.ExecuteAsync(ResultsMap);

    [Benchmark(Description = "(b) seatChanges: LD gains in the South West")]
    public Task<ExecutionResult> SeatChanges() => _data.ExecuteAsync(LibDemGainsInTheSouthWest);

    [Benchmark(Description = "(c) partyTotals")]
    public Task<ExecutionResult> Totals() => _data.ExecuteAsync(PartyTotals);

    [Benchmark(Description = "(d) one council's page")]
    public Task<ExecutionResult> Council() => _data.ExecuteAsync(CouncilPage);

    private static string? Count(JsonElement items, int expected) =>
        items.GetArrayLength() == expected ? null : $"{items.GetArrayLength()} items, expected {expected}";
}
