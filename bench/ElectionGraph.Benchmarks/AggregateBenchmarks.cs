using BenchmarkDotNet.Attributes;
using ElectionGraph.Api.Aggregates;
using ElectionGraph.Domain.Results;
using GraphQL;

namespace ElectionGraph.Benchmarks;

/// <summary>partyTotals over the whole election: through GraphQL, and the same aggregation called directly.</summary>
[MemoryDiagnoser]
public class AggregateBenchmarks
{
    public const string PartyTotals =
        $$"""{ partyTotals(electionId: "{{ElectionData.ElectionId}}") { partyCode party { name } seatsWon seatsChange councilsControlled councilsGained councilsLost councilsChange coverage { councils seatsComplete changeReported complete } } }""";

    private ElectionData _data = null!;
    private IQueryable<PartySeatRow> _seatsByParty = null!;
    private IQueryable<TransitionRow> _transitions = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _data = await ElectionData.LoadAsync();
        var direct = await PartyTotals_Direct();
        if (direct.Count == 0) throw new InvalidOperationException("PartyTotalsAsync returned no party.");
        var slice = Slice();
        _seatsByParty = AggregateQueries.SeatsByParty(slice);
        _transitions = AggregateQueries.Transitions(slice);
        var seats = _seatsByParty.ToList();
        if (seats.Count == 0 || _transitions.ToList().Count == 0
            || seats.Any(r => direct.SingleOrDefault(t => t.PartyCode == r.PartyCode)?.SeatsWon != r.Won))
            throw new InvalidOperationException("The grouped queries do not match PartyTotalsAsync.");
        await _data.ExecuteCheckedAsync(PartyTotals, data =>
        {
            var rows = data.GetProperty("partyTotals").EnumerateArray()
                .Select(row => (Party: row.GetProperty("partyCode").GetString()!, Won: row.GetProperty("seatsWon").GetInt32()))
                .ToList();
            if (rows.Count == 0) return "no party totals";
            if (GraphQLBenchmarks.MissingParties(data) is > 0 and var missing) return $"{missing} party names missing";
            return rows.SequenceEqual(direct.Select(t => (t.PartyCode, t.SeatsWon))) ? null : "not what PartyTotalsAsync returns";
        });
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _data.DisposeAsync();

    [Benchmark(Description = "partyTotals through GraphQL")]
    public Task<ExecutionResult> PartyTotals_GraphQL() => _data.ExecuteAsync(PartyTotals);

    [Benchmark(Description = "AggregateFields.PartyTotalsAsync directly")]
    public Task<IReadOnlyList<PartyTotal>> PartyTotals_Direct() => AggregateFields.PartyTotalsAsync(Slice(), counting: null, CancellationToken.None);

    /// <summary>
    /// Not the API's path: the two grouped queries PartyTotalsAsync runs (seats by party, control transitions),
    /// built and first enumerated in setup, enumerated again. EnumerableQuery reuses the pipeline it compiled,
    /// so this is the grouping work without building or compiling.
    /// </summary>
    [Benchmark(Description = "reference: its two grouped queries, compiled once")]
    public int Iterate_GroupedQueries() => _seatsByParty.ToList().Count + _transitions.ToList().Count;

    private IQueryable<CouncilResult> Slice() =>
        _data.Store.Collection<CouncilResult>().Query().Where(r => r.ElectionId == ElectionData.ElectionId);
}
