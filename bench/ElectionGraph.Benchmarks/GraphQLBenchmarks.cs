using System.Text.Json;
using BenchmarkDotNet.Attributes;
using GraphQL;

namespace ElectionGraph.Benchmarks;

/// <summary>
/// List fields end to end: parse, validate, resolve (filter, order, keyset page, count, party loader) and
/// serialize, as <c>POST /graphql</c> does minus HTTP.
/// </summary>
[MemoryDiagnoser]
public class GraphQLBenchmarks
{
    /// <summary>Liberal Democrat gains of 5 or more in the South West (10 councils in the 2019 data).</summary>
    private const string Where =
        """where: { council: { region: { eq: "South West" } }, seats: { some: { partyCode: { eq: "LD" }, change: { gte: 5 } } } }""";

    private const string Order = "order: [{ council: { name: ASC } }]";

    private const string Selection = "totalCount nodes { council { name } seats { partyCode won change party { name } } }";

    public const string CouncilResultsFirstPage =
        $$"""{ councilResults(electionId: "{{ElectionData.ElectionId}}", {{Where}}, {{Order}}, first: 20) { {{Selection}} } }""";

    public const string SeatChangesByChange =
        $$"""{ seatChanges(electionId: "{{ElectionData.ElectionId}}", order: [{ change: ASC }], first: 50) { totalCount nodes { council { name } partyCode won change party { name } } } }""";

    /// <summary>The matching results number 10; the second page starts after the 5th.</summary>
    public const int SecondPageAfter = 5;

    private ElectionData _data = null!;
    private string _councilResultsSecondPage = null!;

    public static string CouncilResultsAfter(string cursor) =>
        $$"""{ councilResults(electionId: "{{ElectionData.ElectionId}}", {{Where}}, {{Order}}, first: 20, after: "{{cursor}}") { {{Selection}} } }""";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _data = await ElectionData.LoadAsync();

        // The same query with the edges' cursors: any edge's cursor continues the query after that edge.
        var withCursors = CouncilResultsFirstPage.Replace("totalCount nodes", "totalCount edges { cursor } nodes", StringComparison.Ordinal);
        var first = await _data.ExecuteCheckedAsync(withCursors, data => Page(data, "councilResults", expectedNodes: 10, expectedTotal: 10));
        var cursor = first.GetProperty("councilResults").GetProperty("edges")[SecondPageAfter - 1].GetProperty("cursor").GetString()!;
        _councilResultsSecondPage = CouncilResultsAfter(cursor);

        await _data.ExecuteCheckedAsync(CouncilResultsFirstPage, data => Page(data, "councilResults", expectedNodes: 10, expectedTotal: 10));
        await _data.ExecuteCheckedAsync(_councilResultsSecondPage, data => Page(data, "councilResults", expectedNodes: 10 - SecondPageAfter, expectedTotal: 10));
        await _data.ExecuteCheckedAsync(SeatChangesByChange, data => Page(data, "seatChanges", expectedNodes: 50, expectedTotal: null));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _data.DisposeAsync();

    [Benchmark(Description = "councilResults: where+order, first 20")]
    public Task<ExecutionResult> CouncilResults_FirstPage() => _data.ExecuteAsync(CouncilResultsFirstPage);

    [Benchmark(Description = "councilResults: same, after a cursor")]
    public Task<ExecutionResult> CouncilResults_AfterCursor() => _data.ExecuteAsync(_councilResultsSecondPage);

    [Benchmark(Description = "seatChanges: order by change, first 50")]
    public Task<ExecutionResult> SeatChanges_ByChange() => _data.ExecuteAsync(SeatChangesByChange);

    /// <summary>Null when the connection has the expected nodes (each with a party name where it has one) and total.</summary>
    internal static string? Page(JsonElement data, string field, int expectedNodes, int? expectedTotal)
    {
        var connection = data.GetProperty(field);
        var nodes = connection.GetProperty("nodes").GetArrayLength();
        var total = connection.GetProperty("totalCount").GetInt32();
        if (nodes != expectedNodes) return $"{nodes} nodes, expected {expectedNodes}";
        if (expectedTotal is not null && total != expectedTotal) return $"totalCount {total}, expected {expectedTotal}";
        if (total < nodes) return $"totalCount {total} below the {nodes} nodes";
        return MissingParties(connection) is > 0 and var missing ? $"{missing} party names missing" : null;
    }

    /// <summary>How many <c>party</c> objects under <paramref name="element"/> lack a name (the per-request loader failed).</summary>
    internal static int MissingParties(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().Sum(MissingParties),
        JsonValueKind.Object => element.EnumerateObject().Sum(p =>
            p.Name == "party" ? (p.Value.ValueKind == JsonValueKind.Object && p.Value.GetProperty("name").ValueKind == JsonValueKind.String ? 0 : 1)
                              : MissingParties(p.Value)),
        _ => 0,
    };
}
