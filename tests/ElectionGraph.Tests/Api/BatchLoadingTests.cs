using System.Collections.Concurrent;
using System.Text.Json;
using ElectionGraph.Api.Transport;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Elections;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Api;

/// <summary>No N+1: related documents for a whole page cost one store query per kind.</summary>
public sealed class BatchLoadingTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private CountingStore _store = null!;
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        var embedded = EmbeddedStore.Open(_data.Path);
        await embedded.ImportAsync(Seed.Documents.Documents);
        _store = new CountingStore(embedded);
        _api = new ApiFactory(_data["unused"], _store);
        // The API reads each collection once at start (the data version); count only what requests do.
        await _api.Services.GetRequiredService<DataVersion>().Ready;
    }

    [Fact]
    public async Task A_page_of_500_seat_rows_resolves_its_parties_with_one_query()
    {
        _store.Reset();
        var data = await _api.QueryAsync("""
            { seatChanges(electionId: "local.2019-05-02", first: 500) { nodes { party { name colour } } } }
            """);

        Assert.Equal(500, data.GetProperty("seatChanges").GetProperty("nodes").GetArrayLength());
        Assert.Equal(1, _store.Queries<Party>());
    }

    [Fact]
    public async Task Results_with_their_election_and_every_seat_rows_party_cost_one_query_per_kind()
    {
        _store.Reset();
        await _api.QueryAsync("""
            { councilResults(electionId: "local.2019-05-02", first: 500) { nodes { election { name } seats { party { name } } } } }
            """);

        Assert.Equal((1, 1, 1), (_store.Queries<CouncilResult>(), _store.Queries<Election>(), _store.Queries<Party>()));
    }

    [Fact]
    public async Task Councils_with_their_results_and_parties_cost_one_query_per_kind()
    {
        _store.Reset();
        var data = await _api.QueryAsync("""
            { councils(first: 500) { nodes { results { control { after } seats { party { shortName } } } } } }
            """);

        Assert.Equal(Seed.Documents.Councils.Count, data.GetProperty("councils").GetProperty("nodes").GetArrayLength());
        Assert.Equal((1, 1, 1), (_store.Queries<Council>(), _store.Queries<CouncilResult>(), _store.Queries<Party>()));
    }

    [Fact]
    public async Task Nodes_of_every_type_at_once_cost_one_query_per_type_and_a_prefixed_id_queries_its_type_alone()
    {
        string[] ids =
        [
            "local.2019-05-02", "party:LD", "party:LAB", "council:E07000170", "council:E08000001",
            "local.2019-05-02:E07000170", "local.2019-05-02:E08000001", "mayor.bedford.2019-05-02", "no such id",
        ];
        _store.Reset();
        var data = await _api.QueryAsync("""
            query($ids: [ID!]!) { nodes(ids: $ids) { id } node(id: "mayor.copeland.2019-05-02") { id } }
            """, new { ids });

        Assert.Equal([.. ids[..^1], null], data.GetProperty("nodes").EnumerateArray().Select(n => n.ValueKind == JsonValueKind.Null ? null : n.GetProperty("id").GetString()));
        Assert.Equal("mayor.copeland.2019-05-02", data.GetProperty("node").GetProperty("id").GetString());
        Assert.Equal((1, 1, 1, 1, 1), Queries());

        _store.Reset();
        await _api.QueryAsync("""{ node(id: "council:E07000170") { id } }""");
        Assert.Equal((0, 0, 1, 0, 0), Queries());
    }

    private (int, int, int, int, int) Queries() =>
        (_store.Queries<Election>(), _store.Queries<Party>(), _store.Queries<Council>(), _store.Queries<CouncilResult>(), _store.Queries<Mayoralty>());

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _store.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>The embedded store, counting the queries made of each collection (totalCount not asked, so none for it).</summary>
    private sealed class CountingStore(IDocumentStore inner) : StoreDecorator(inner)
    {
        private readonly ConcurrentDictionary<Type, int> _queries = new();

        public int Queries<T>() => _queries.GetValueOrDefault(typeof(T));

        public void Reset() => _queries.Clear();

        protected override IQueryable<T> Query<T>(IDocumentCollection<T> collection)
        {
            _queries.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
            return collection.Query();
        }
    }
}
