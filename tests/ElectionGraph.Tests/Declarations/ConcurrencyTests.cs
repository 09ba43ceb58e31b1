using System.Collections.Concurrent;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Declarations;

/// <summary>Many desks writing at once: the store keeps each council's last accepted version, and every subscriber sees every accepted change in order.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private const int Councils = 100, WritesPerCouncil = 10, Subscribers = 3;
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_thousand_concurrent_declarations_and_corrections_leave_the_last_accepted_version_and_reach_every_subscriber_in_order()
    {
        using var api = new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay);
        var desk = new ResultsDesk(api);
        var councils = ResultsDesk.Declarable.Take(Councils).ToList();
        var sockets = new List<GraphQLSocket>();
        for (var i = 0; i < Subscribers; i++)
        {
            var socket = await GraphQLSocket.ReadyAsync(api);
            await socket.SubscribedAsync("all", """subscription { councilResultDeclared(electionId: "local.2019-05-02") { id version notes } }""");
            sockets.Add(socket);
        }

        // Each council: one declaration and nine corrections guessing the version they correct, all at once.
        var accepted = new ConcurrentBag<(string Id, int Version, string Notes)>();
        var writes = councils.SelectMany(council => Enumerable.Range(0, WritesPerCouncil).Select(async n =>
        {
            var declarationId = $"{council.Council.Code}-{n}";
            var input = ResultsDesk.Input(council, declarationId, expectedVersion: n == 0 ? null : Random.Shared.Next(1, WritesPerCouncil));
            input["notes"] = declarationId;
            var response = await desk.SendAsync(n == 0 ? ResultsDesk.Declare : ResultsDesk.Correct, new { input });
            if (!response.TryGetProperty("errors", out _))
            {
                var stored = response.GetProperty("data").EnumerateObject().Single().Value;
                accepted.Add((stored.GetProperty("id").GetString()!, stored.GetProperty("version").GetInt32(), declarationId));
            }
        }));
        await Task.WhenAll(writes);

        // Accepted versions of each council are 1..n, and the store holds the last of them, as written.
        var stored = (await api.QueryAsync("""{ councilResults(electionId: "local.2019-05-02", first: 500) { nodes { id version notes } } }"""))
            .GetProperty("councilResults").GetProperty("nodes").EnumerateArray()
            .ToDictionary(n => n.GetProperty("id").GetString()!, n => (Version: n.GetProperty("version").GetInt32(), Notes: n.GetProperty("notes").GetString()));
        var byCouncil = accepted.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Version).ToList());
        Assert.Equal(Councils, stored.Count);
        Assert.All(byCouncil, council =>
        {
            Assert.Equal(Enumerable.Range(1, council.Value.Count), council.Value.Select(a => a.Version));
            Assert.Equal((council.Value[^1].Version, council.Value[^1].Notes), stored[council.Key]);
        });

        // Every subscriber saw every accepted change, each council's in version order.
        foreach (var socket in sockets)
        {
            var seen = new List<(string Id, int Version, string Notes)>();
            try
            {
                while (seen.Count < accepted.Count && await socket.ReceiveAsync() is { } message)
                {
                    var result = message.GetProperty("payload").GetProperty("data").GetProperty("councilResultDeclared");
                    seen.Add((result.GetProperty("id").GetString()!, result.GetProperty("version").GetInt32(), result.GetProperty("notes").GetString()!));
                }
            }
            catch (TimeoutException)
            {
                var missing = accepted.Except(seen).OrderBy(a => a.Id).ThenBy(a => a.Version).Take(5);
                Assert.Fail($"Subscriber {sockets.IndexOf(socket)} received {seen.Count} of {accepted.Count} accepted changes; missing, among others: {string.Join(", ", missing)}.");
            }

            Assert.All(seen.GroupBy(s => s.Id), council => Assert.Equal(byCouncil[council.Key].Select(a => a.Version), council.Select(s => s.Version)));
            Assert.Equal(accepted.OrderBy(a => a.Id).ThenBy(a => a.Version), seen.OrderBy(s => s.Id).ThenBy(s => s.Version));
            await socket.DisposeAsync();
        }
    }

    public void Dispose() => _data.Dispose();
}
