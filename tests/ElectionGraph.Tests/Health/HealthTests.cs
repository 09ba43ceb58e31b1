using System.Net;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Health;

/// <summary>/health/live says the process serves; /health/ready says the store takes writes, and follows it down and back.</summary>
public sealed class HealthTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Ready_is_503_while_the_store_is_down_and_200_once_it_is_back_while_live_stays_200()
    {
        await using var store = new OutageStore(EmbeddedStore.Open(_data["store"]));
        await using var api = new ApiFactory(_data["api"], store, new Dictionary<string, string> { ["ElectionGraph:Health:ReadyReuseSeconds"] = "0" });
        using var client = api.CreateClient();
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (await StatusAsync(client, "/health/live"), await StatusAsync(client, "/health/ready")));

        store.GoDown();
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable), (await StatusAsync(client, "/health/live"), await StatusAsync(client, "/health/ready")));

        store.ComeBack();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/health/ready"));
    }

    [Fact]
    public async Task Polling_ready_costs_the_store_one_round_trip_however_many_ask()
    {
        await using var store = new OutageStore(EmbeddedStore.Open(_data["store"]));
        await using var api = new ApiFactory(_data["api"], store, new Dictionary<string, string> { ["ElectionGraph:Health:ReadyReuseSeconds"] = "3600" });
        using var client = api.CreateClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => StatusAsync(client, "/health/ready")));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(1, store.Pings);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    public void Dispose() => _data.Dispose();
}
