using ElectionGraph.Api.Access;
using ElectionGraph.Api.Results;
using ElectionGraph.Api.Webhooks;
using ElectionGraph.Domain;
using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Domain.Webhooks;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Mongo;
using ElectionGraph.Storage.Bson;
using ElectionGraph.Storage.Seeding;
using ElectionGraph.Tests.Support;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ElectionGraph.Tests.Storage.Mongo;

/// <summary>
/// The Mongo adapter against a server: always on mingo-mongod (mingo runs its commands: <see cref="MingoMongod"/>), and on
/// a real MongoDB when ELECTIONGRAPH_TEST_MONGO holds a connection string (a replica set, for change streams),
/// reported as skipped otherwise. Each test uses a fresh database.
/// </summary>
public abstract class MongoIntegrationTests : IAsyncLifetime
{
    private readonly string _database = $"electiongraph-test-{Guid.NewGuid():N}";
    private string? _connectionString;
    private MongoStore? _store;

    /// <summary>The server's connection string; null when there is none to test against.</summary>
    protected abstract Task<string?> ConnectionStringAsync();

    private MongoStore Store
    {
        get
        {
            Skip.If(_connectionString is null, "ELECTIONGRAPH_TEST_MONGO is not set: no MongoDB server to test against.");
            return _store ??= MongoStore.Connect(new MongoOptions { ConnectionString = _connectionString!, Database = _database });
        }
    }

    private IMongoCollection<BsonDocument> Raw<T>() =>
        new MongoClient(_connectionString).GetDatabase(_database).GetCollection<BsonDocument>(DocumentMaps.CollectionName(typeof(T)));

    [SkippableFact]
    public async Task The_seed_imports_once_and_queries_run_in_the_server()
    {
        var seed = SeedReader.Read(Repo.Seed);
        await Store.EnsureIndexesAsync();

        var first = await Store.ImportAsync(seed.Documents);
        var again = await Store.ImportAsync(seed.Documents);

        Assert.Equal((seed.Documents.Count, 0), (first.Inserted, first.Unchanged));
        Assert.Equal((0, 0, seed.Documents.Count), (again.Inserted, again.Updated, again.Unchanged));
        var results = await ResultQueries.ForElection(Store.Collection<CouncilResult>().Query(), "local.2019-05-02").OrderBy(r => r.Council.Name).ToListAsync();
        Assert.Equal(259, results.Count);
        Assert.Equal(results.Select(r => r.Council.Name).Order(StringComparer.Ordinal), results.Select(r => r.Council.Name));
        // The ballots' stored majorities are what the server filters and sorts on.
        var closest = await Store.Collection<Ballot>().Query()
            .Where(b => b.ElectionId == "local.2019-05-02" && b.Majority != null).OrderBy(b => b.Majority).ThenBy(b => b.Id).Take(8).ToListAsync();
        Assert.Equal(
            seed.Ballots.Where(b => b.Majority != null).OrderBy(b => b.Majority).ThenBy(b => b.Id, StringComparer.Ordinal).Take(8).Select(b => (b.Id, b.Majority)),
            closest.Select(b => (b.Id, b.Majority)));
        Assert.False(await Store.IsEmptyAsync());
    }

    [SkippableFact]
    public async Task The_version_guard_refuses_stale_and_duplicate_writes()
    {
        var parties = Store.Collection<Party>();
        var party = new Party { Id = "GRN", Name = "Green", ShortName = "Green", RollupCode = "GRN" };
        await parties.UpsertAsync(party, 0);
        await parties.UpsertAsync(party with { Name = "Green Party" }, 1);

        var stale = await Assert.ThrowsAsync<VersionConflictException>(() => parties.UpsertAsync(party with { Name = "Stale" }, 1));
        var duplicate = await Assert.ThrowsAsync<VersionConflictException>(() => parties.UpsertAsync(party, 0));

        Assert.Equal((2L, 2L), (stale.CurrentVersion, duplicate.CurrentVersion));
        var stored = Assert.Single(await parties.Query().ToListAsync());
        Assert.Equal(("Green Party", 2L), (stored.Name, stored.Version));
    }

    [SkippableFact]
    public async Task Api_keys_are_no_data_and_no_two_share_a_hash()
    {
        await Store.EnsureIndexesAsync();
        var keys = Store.Collection<ApiKey>();
        await keys.UpsertAsync(Keys.Document("key_1", "same-hash"), 0);

        var empty = await Store.IsEmptyAsync();
        await Assert.ThrowsAsync<VersionConflictException>(() => keys.UpsertAsync(Keys.Document("key_2", "same-hash"), 0));

        Assert.True(empty);
        Assert.Equal("key_1", Assert.Single(await ApiKeyRegistry.Oldest(keys.Query()).ToListAsync()).Id);
    }

    [SkippableFact]
    public async Task Many_writes_at_once_store_each_whose_version_is_as_given_and_leave_the_rest()
    {
        var deliveries = Store.Collection<WebhookDelivery>();
        var due = new DateTime(2019, 5, 3, 0, 0, 0, DateTimeKind.Utc);
        await deliveries.UpsertAsync(WebhookDocuments.Delivery("whd_2", "wh_1", due) with { Body = "kept" }, 0);

        var inserted = await deliveries.UpsertManyAsync([.. new[] { "whd_1", "whd_2", "whd_3" }.Select(id => (WebhookDocuments.Delivery(id, "wh_1", due), 0L))]);
        var again = await deliveries.UpsertManyAsync([(WebhookDocuments.Delivery("whd_3", "wh_1", due), 0L)]);
        var replaced = await deliveries.UpsertManyAsync([(inserted[0] with { Body = "next" }, 1L), (inserted[1] with { Body = "stale" }, 2L)]);

        Assert.Equal([("whd_1", 1L), ("whd_3", 1L)], inserted.Select(d => (d.Id, d.Version)));
        Assert.Empty(again);
        Assert.Equal([("whd_1", 2L)], replaced.Select(d => (d.Id, d.Version)));
        var stored = await deliveries.Query().OrderBy(d => d.Id).ToListAsync();
        Assert.Equal([("whd_1", "next"), ("whd_2", "kept"), ("whd_3", "{\"data\":{\"id\":\"whd_3\"}}")], stored.Select(d => (d.Id, d.Body)));
    }

    /// <summary>Two API instances' senders on one database: the lease on each delivery lets exactly one of them attempt it.</summary>
    [SkippableFact]
    public async Task Two_instances_attempt_each_webhook_delivery_once()
    {
        await Store.EnsureIndexesAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var options = new WebhookOptions { AllowPrivateAddresses = true, PollSeconds = 0.05, ConcurrencyPerWebhook = 2 };
        var due = DateTime.UtcNow.AddSeconds(-1);
        var webhooks = Enumerable.Range(1, 4).Select(i => WebhookDocuments.Webhook($"wh_{i}", new Uri(receiver.Url, $"/hooks/{i}").ToString())).ToList();
        foreach (var webhook in webhooks) await Store.Collection<Webhook>().UpsertAsync(webhook, 0);
        var deliveries = webhooks.SelectMany(w => Enumerable.Range(1, 10).Select(i => WebhookDocuments.Delivery($"whd_{w.Id}_{i}", w.Id, due))).ToList();
        await Store.Collection<WebhookDelivery>().UpsertManyAsync([.. deliveries.Select(d => (d, 0L))]);

        await using var other = MongoStore.Connect(new MongoOptions { ConnectionString = _connectionString!, Database = _database });
        using var first = WebhookDocuments.Sender(Store, options);
        using var second = WebhookDocuments.Sender(other, options);
        await Task.WhenAll(first.StartAsync(CancellationToken.None), second.StartAsync(CancellationToken.None));
        var stored = Store.Collection<WebhookDelivery>();
        await Eventually.HoldsAsync(async () => (await stored.Query().Where(d => d.Status == DeliveryStatus.Delivered).ToListAsync()).Count == deliveries.Count,
            $"all {deliveries.Count} delivered", () => $"{receiver.Requests.Count} requests");
        await Task.WhenAll(first.StopAsync(CancellationToken.None), second.StopAsync(CancellationToken.None));

        Assert.Equal(deliveries.Select(d => d.Id).Order(), receiver.Requests.Select(r => r.Header("ElectionGraph-Delivery-Id")).Order());
        Assert.All(await stored.Query().ToListAsync(), d => Assert.Single(d.Attempts));
    }

    [SkippableFact]
    public async Task The_change_stream_delivers_each_accepted_write()
    {
        var parties = Store.Collection<Party>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var watch = await parties.WatchAsync(cancel.Token);
        var changes = watch.GetAsyncEnumerator(cancel.Token);

        await parties.UpsertAsync(new Party { Id = "LD", Name = "Liberal Democrats", ShortName = "Lib Dem", RollupCode = "LD" }, 0);

        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(("LD", 1L), (changes.Current.Id, changes.Current.Version));
    }

    [SkippableFact]
    public async Task The_version_guard_matches_the_current_version_exactly_once_and_a_stale_one_never()
    {
        var parties = Store.Collection<Party>();
        await parties.UpsertAsync(new Party { Id = "GRN", Name = "Green", ShortName = "Green", RollupCode = "GRN" }, 0);
        await parties.UpsertAsync(new Party { Id = "LD", Name = "Liberal Democrats", ShortName = "Lib Dem", RollupCode = "LD" }, 0);
        var stored = await Raw<Party>().Find(MongoStore.GuardFilter("GRN", 1)).SingleAsync();

        var stale = await Raw<Party>().ReplaceOneAsync(MongoStore.GuardFilter("GRN", 0), stored);
        var absent = await Raw<Party>().ReplaceOneAsync(MongoStore.GuardFilter("SNP", 1), stored);
        var current = await Raw<Party>().ReplaceOneAsync(MongoStore.GuardFilter("GRN", 1), stored);

        Assert.Equal((0L, 0L, 1L), (stale.MatchedCount, absent.MatchedCount, current.MatchedCount));
    }

    [SkippableFact]
    public async Task The_change_stream_delivers_replacements_as_stored_and_nothing_else()
    {
        var parties = Store.Collection<Party>();
        var party = new Party { Id = "GRN", Name = "Green", ShortName = "Green", RollupCode = "GRN" };
        await parties.UpsertAsync(party, 0);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var watch = await parties.WatchAsync(cancel.Token);
        var changes = watch.GetAsyncEnumerator(cancel.Token);

        await Store.Collection<Council>().UpsertAsync(new Council { Id = "E07000170", Name = "Ashfield", Nation = Nation.England, Region = "East Midlands", Type = CouncilType.District }, 0);
        await parties.UpsertAsync(party with { Name = "Green Party" }, 1);

        Assert.True(await changes.MoveNextAsync()); // the council, written to another collection, is not among them
        Assert.Equal(("GRN", "Green Party", 2L), (changes.Current.Id, changes.Current.Name, changes.Current.Version));
    }

    public async Task InitializeAsync() => _connectionString = await ConnectionStringAsync();

    public async Task DisposeAsync()
    {
        if (_connectionString is not null) await new MongoClient(_connectionString).DropDatabaseAsync(_database);
    }
}

/// <summary>The adapter on mingo-mongod: every test runs, on every build.</summary>
public sealed class MongoIntegrationTestsOnMingo : MongoIntegrationTests
{
    protected override async Task<string?> ConnectionStringAsync() => await MingoMongod.ConnectionStringAsync();
}

/// <summary>The adapter on the MongoDB named by ELECTIONGRAPH_TEST_MONGO, when it names one.</summary>
public sealed class MongoIntegrationTestsOnMongoDB : MongoIntegrationTests
{
    protected override Task<string?> ConnectionStringAsync() => Task.FromResult(Environment.GetEnvironmentVariable("ELECTIONGRAPH_TEST_MONGO"));
}
