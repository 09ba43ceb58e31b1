using ElectionGraph.Api.Commands.Replay;
using ElectionGraph.Domain.Results;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Declarations;

/// <summary>The replay command declares 2019 through the public mutation, in the night's order, and can run again harmlessly.</summary>
public sealed class ReplayTests : IDisposable
{
    private readonly LiveApi _live = LiveApi.With(ResultsDesk.PollingDay);

    private Task<int> Replay() =>
        ReplayCommand.RunAsync(["--url", _live.Endpoint.ToString(), "--key", ResultsDesk.Key, "--speed", "0", "--seed", Repo.Seed]);

    [Fact]
    public void The_night_runs_in_the_documented_order()
    {
        var steps = ReplayPlan.For(Seed.Documents, Seed.Election);

        var contested = Seed.Documents.Ballots.Where(b => !b.Uncontested).ToList();
        Assert.Equal(Seed.Documents.CouncilResults.Count + Seed.Documents.Mayoralties.Count + contested.Count, steps.Count);
        Assert.Equal(steps.OrderBy(s => s.DeclaredAt).Select(s => s.Label), steps.Select(s => s.Label));
        var councils = steps.Where(s => s.Mutation == ReplayPlan.DeclareCouncil).ToList();
        Assert.Equal(new DateTime(2019, 5, 2, 22, 30, 0, DateTimeKind.Utc), councils[0].DeclaredAt);
        var first = Seed.Documents.CouncilResults.Where(r => r.Council.Nation == ElectionGraph.Domain.Nation.England)
            .OrderBy(r => r.SeatsUp).ThenBy(r => r.Council.Name, StringComparer.Ordinal).First();
        Assert.Equal(first.Council.Name, councils[0].Label);
        // Ward by ward: each council's contested wards, and only those, in the 45 minutes before its result.
        Assert.All(councils.Where(c => contested.Any(b => b.Council.Name == c.Label)), council =>
        {
            var wards = steps.Where(s => s.Label.StartsWith(council.Label + ": ", StringComparison.Ordinal)).ToList();
            Assert.Equal(contested.Count(b => b.Council.Name == council.Label), wards.Count);
            Assert.All(wards, w => Assert.InRange(w.DeclaredAt, council.DeclaredAt.AddMinutes(-45), council.DeclaredAt.AddMinutes(-1)));
        });
    }

    [Fact]
    public async Task Replaying_declares_every_result_the_rules_can_decide_and_a_second_run_changes_nothing()
    {
        await using var watcher = await GraphQLSocket.ReadyAsync(_live.Endpoint);
        await watcher.SubscribedAsync("all", """subscription { councilResultDeclared(electionId: "local.2019-05-02") { id } }""");

        Assert.Equal(0, await Replay());
        var declared = await Results();
        Assert.Equal(0, await Replay());

        // Each result the domain can decide is declared as compiled: all but Wirral's, whose compiled totals after
        // leave 3 of its 66 seats unaccounted for, enough for Labour's 32 to be a majority. And every mayor
        // (Leicester's minor candidates by their shares).
        var parties = Seed.Documents.Parties.Select(p => p.Id).ToHashSet();
        var decidable = Seed.Documents.CouncilResults.Where(r =>
            new CouncilDeclaration("x", r.ElectionId, r.Council.Code, r.Cycle, r.SeatsUp, r.TotalSeats, r.Control.Before, r.Seats, null, DateTime.UtcNow, null).Check(parties).Count == 0).ToList();
        Assert.Equal(["Wirral"], Seed.Documents.CouncilResults.Except(decidable).Select(r => r.Council.Name));
        Assert.Equal(decidable.Select(r => (r.Id, r.Control.After, 1)).OrderBy(r => r.Id, StringComparer.Ordinal), declared);
        Assert.Equal(declared, await Results());
        var mayors = (await _live.Api.QueryAsync("""{ mayoralties(electionId: "local.2019-05-02") { nodes { id winner { name } } } }"""))
            .GetProperty("mayoralties").GetProperty("nodes").EnumerateArray()
            .Select(n => (n.GetProperty("id").GetString()!, n.GetProperty("winner").GetProperty("name").GetString()!)).Order();
        Assert.Equal(Seed.Documents.Mayoralties.Select(m => (m.Id, m.Winner!.Name)).Order(), mayors);

        // Every ward: the contested ones by the replay, the uncontested ones from the close of nominations; each
        // contested one written once (version 2: the nomination, then the count), however many runs.
        var wards = await _live.Api.QueryAsync("""
            {
              declared: ballots(electionId: "local.2019-05-02", where: { status: { eq: DECLARED } }) { totalCount }
              counted: ballots(electionId: "local.2019-05-02", where: { uncontested: { eq: false }, version: { eq: 2 } }) { totalCount }
            }
            """);
        Assert.Equal((Seed.Documents.Ballots.Count, Seed.Documents.Ballots.Count(b => !b.Uncontested)),
            (wards.GetProperty("declared").GetProperty("totalCount").GetInt32(), wards.GetProperty("counted").GetProperty("totalCount").GetInt32()));

        var seen = new HashSet<string>();
        while (seen.Count < declared.Count && await watcher.ReceiveAsync() is { } message)
            seen.Add(message.GetProperty("payload").GetProperty("data").GetProperty("councilResultDeclared").GetProperty("id").GetString()!);
        Assert.Equal(declared.Select(d => d.Id).ToHashSet(), seen);
    }

    private async Task<List<(string Id, string After, int Version)>> Results() =>
        (await _live.Api.QueryAsync("""{ councilResults(electionId: "local.2019-05-02", first: 500) { nodes { id control { after } version } } }"""))
        .GetProperty("councilResults").GetProperty("nodes").EnumerateArray()
        .Select(n => (n.GetProperty("id").GetString()!, n.GetProperty("control").GetProperty("after").GetString()!, n.GetProperty("version").GetInt32()))
        .OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();

    public void Dispose() => _live.Dispose();
}
