using System.Net;
using System.Text.Json;
using ElectionGraph.Api.Transport;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Storage;

/// <summary>
/// Writes the embedded store's SQLite refuses. The tests may run as root, whom file permissions do not stop, so
/// SQLite's own <c>query_only</c> switch refuses them (<see cref="EmbeddedStore.QueryOnlyAsync"/>): a real
/// <c>SqliteException</c> ("attempt to write a readonly database") in the real write path, as on a read-only
/// file, for any user, and a switch that can be turned off again to show recovery.
/// </summary>
public sealed class EmbeddedFaultTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_declaration_SQLite_refuses_is_STORE_UNAVAILABLE_and_leaves_snapshot_change_feed_and_file_as_they_were_while_reads_go_on()
    {
        var (first, refused, later) = (ResultsDesk.Declarable[0], ResultsDesk.Declarable[1], ResultsDesk.Declarable[2]);
        var store = EmbeddedStore.Open(_data["store"]);
        using (var api = new ApiFactory(_data["api"], store, new Dictionary<string, string>(ResultsDesk.PollingDay) { ["ElectionGraph:Health:ReadyReuseSeconds"] = "0" }))
        {
            var desk = new ResultsDesk(api);
            using var client = api.CreateClient();
            await using var changes = await store.Collection<CouncilResult>().WatchAsync(CancellationToken.None);
            await using var feed = changes.GetAsyncEnumerator();
            Assert.Equal(1, Version(await desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(first, "d-first") })));
            Assert.Equal(first.Id, await NextIdAsync(feed));

            await store.QueryOnlyAsync(true);
            var response = await desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(refused, "d-refused") });

            Assert.Equal(StoreUnavailable.Code, response.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
            // Reads come from the snapshot in memory: they go on, and the snapshot holds only the accepted write.
            var data = await api.QueryAsync("""{ councils { totalCount } councilResults(electionId: "local.2019-05-02") { nodes { id } } }""");
            Assert.Equal(259, data.GetProperty("councils").GetProperty("totalCount").GetInt32());
            Assert.Equal([first.Id], data.GetProperty("councilResults").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);

            await store.QueryOnlyAsync(false);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(1, Version(await desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(later, "d-later") })));
            // The refused write never reached the feed: the next thing on it is the write after.
            Assert.Equal(later.Id, await NextIdAsync(feed));
            // Nor the store: declared again, it is a first declaration.
            Assert.Equal(1, Version(await desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(refused, "d-refused") })));
        }

        await store.DisposeAsync();
        await using var reopened = EmbeddedStore.Open(_data["store"]);
        Assert.Equal(new[] { first.Id, later.Id, refused.Id }.Order(StringComparer.Ordinal).Select(id => (id, 1L)),
            reopened.Collection<CouncilResult>().Query().AsEnumerable().Select(r => (r.Id, r.Version)));
    }

    private static int Version(JsonElement response) =>
        response.GetProperty("data").GetProperty("declareCouncilResult").GetProperty("version").GetInt32();

    private static async Task<string> NextIdAsync(IAsyncEnumerator<CouncilResult> feed)
    {
        // Published as the write was accepted, before its mutation answered: already there.
        Assert.True(await feed.MoveNextAsync());
        return feed.Current.Id;
    }

    public void Dispose() => _data.Dispose();
}
