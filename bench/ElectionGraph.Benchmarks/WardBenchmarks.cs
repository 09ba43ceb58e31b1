using BenchmarkDotNet.Attributes;
using ElectionGraph.Api.Aggregates;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Results;
using GraphQL;

namespace ElectionGraph.Benchmarks;

/// <summary>
/// The ward-level work of results night, in the store as it is half way through the count: every ward declared,
/// half the councils' results (every other one by id) not yet. What partyTotalsChanged recomputes after each ward's
/// count, with its running tally and without; the vote shares by region; the closest contests.
/// </summary>
[MemoryDiagnoser]
public class WardBenchmarks
{
    public const string ClosestContests =
        $$"""{ ballots(electionId: "{{ElectionData.ElectionId}}", order: [{ majority: ASC }], first: 10) { nodes { council { name } ward { name } majority candidates { name partyCode votes elected } } } }""";

    private static readonly HashSet<VoteGrouping> RegionAndParty = [VoteGrouping.Region, VoteGrouping.Party];

    private ElectionData _data = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _data = await ElectionData.LoadAsync(seed =>
            [.. seed.Elections, .. seed.Parties, .. seed.Councils, .. seed.Ballots, .. seed.CouncilResults.OrderBy(r => r.Id, StringComparer.Ordinal).Where((_, i) => i % 2 == 0)]);
        var totals = await PartyTotals_WithTheRunningTally();
        if (totals.Sum(t => t.SeatsCounting) == 0 || totals.Sum(t => t.SeatsWon) == 0)
            throw new InvalidOperationException("Half way through the count, both seatsWon and seatsCounting should be above 0.");
        if ((await VoteTotals_ByRegionAndParty()).Count < 50) throw new InvalidOperationException("Too few vote totals.");
        await _data.ExecuteCheckedAsync(ClosestContests, data => data.GetProperty("ballots").GetProperty("nodes").GetArrayLength() == 10 ? null : "not ten ballots");
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _data.DisposeAsync();

    [Benchmark(Baseline = true, Description = "partyTotals, mid-count, without the running tally")]
    public Task<IReadOnlyList<PartyTotal>> PartyTotals_WithoutTheRunningTally() =>
        AggregateFields.PartyTotalsAsync(Results(), counting: null, CancellationToken.None);

    [Benchmark(Description = "partyTotals, mid-count, with the running tally (what partyTotalsChanged recomputes)")]
    public async Task<IReadOnlyList<PartyTotal>> PartyTotals_WithTheRunningTally() =>
        await AggregateFields.PartyTotalsAsync(Results(),
            await AggregateFields.CountingAsync(Results(), _data.Store.Collection<Ballot>().Query(), where: null, ElectionData.ElectionId, CancellationToken.None),
            CancellationToken.None);

    [Benchmark(Description = "voteTotals by region and party, directly")]
    public Task<IReadOnlyList<VoteTotal>> VoteTotals_ByRegionAndParty() =>
        AggregateFields.VoteTotalsAsync(_data.Store.Collection<Ballot>().Query().Where(b => b.ElectionId == ElectionData.ElectionId), RegionAndParty, CancellationToken.None);

    [Benchmark(Description = "the ten closest contests through GraphQL")]
    public Task<ExecutionResult> Closest() => _data.ExecuteAsync(ClosestContests);

    private IQueryable<CouncilResult> Results() =>
        _data.Store.Collection<CouncilResult>().Query().Where(r => r.ElectionId == ElectionData.ElectionId);
}
