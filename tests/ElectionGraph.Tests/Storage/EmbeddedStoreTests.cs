using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Domain.Webhooks;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Bson;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Storage;

public class EmbeddedStoreTests : IDisposable
{
    private readonly TempDirectory _data = new();

    private static Party Party(string code, string name) =>
        new() { Id = code, Name = name, ShortName = name, RollupCode = code };

    [Fact]
    public async Task Each_accepted_write_is_the_next_version_and_is_read_back()
    {
        await using var store = EmbeddedStore.Open(_data.Path);
        var parties = store.Collection<Party>();

        var first = await parties.UpsertAsync(Party("GRN", "Green"), expectedVersion: 0);
        var second = await parties.UpsertAsync(Party("GRN", "Green Party"), expectedVersion: 1);

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.True(second.UpdatedAt >= first.UpdatedAt);
        Assert.Equal("Green Party", Assert.Single(parties.Query()).Name);
    }

    [Fact]
    public async Task Many_writes_are_one_transaction_that_stores_each_whose_version_is_as_given_and_survives_a_reopen()
    {
        var due = new DateTime(2019, 5, 3, 0, 0, 0, DateTimeKind.Utc);
        await using (var store = EmbeddedStore.Open(_data.Path))
        {
            var deliveries = store.Collection<WebhookDelivery>();
            await deliveries.UpsertAsync(WebhookDocuments.Delivery("whd_2", "wh_1", due) with { Body = "kept" }, 0);
            await using var watch = await deliveries.WatchAsync(CancellationToken.None);

            var inserted = await deliveries.UpsertManyAsync([.. new[] { "whd_1", "whd_2", "whd_1", "whd_3" }.Select(id => (WebhookDocuments.Delivery(id, "wh_1", due), 0L))]);

            Assert.Equal([("whd_1", 1L), ("whd_3", 1L)], inserted.Select(d => (d.Id, d.Version)));
            Assert.Single(inserted.Select(d => d.UpdatedAt).Distinct()); // one write, one stamp
            var fed = new List<string>();
            await foreach (var delivery in watch)
            {
                fed.Add(delivery.Id);
                if (fed.Count == 2) break;
            }

            Assert.Equal(["whd_1", "whd_3"], fed);
            var replaced = await deliveries.UpsertManyAsync([(inserted[0] with { Body = "next" }, 1L), (inserted[1] with { Body = "stale" }, 2L)]);
            Assert.Equal([("whd_1", 2L)], replaced.Select(d => (d.Id, d.Version)));
        }

        await using var reopened = EmbeddedStore.Open(_data.Path);
        Assert.Equal([("whd_1", 2L), ("whd_2", 1L), ("whd_3", 1L)], reopened.Collection<WebhookDelivery>().Query().Select(d => ValueTuple.Create(d.Id, d.Version)).ToList());
        Assert.Equal("kept", reopened.Collection<WebhookDelivery>().Query().Single(d => d.Id == "whd_2").Body);
    }

    [Fact]
    public async Task Api_keys_are_no_data_a_store_of_keys_alone_is_empty_and_an_import_never_writes_one()
    {
        await using var store = EmbeddedStore.Open(_data.Path);
        var key = await store.Collection<ApiKey>().UpsertAsync(Keys.Document("key_1", "hash"), expectedVersion: 0);

        var empty = await store.IsEmptyAsync();
        var import = await Assert.ThrowsAsync<ArgumentException>(() => store.ImportAsync([key with { Name = "Imported" }, Party("GRN", "Green")]));

        Assert.True(empty);
        Assert.StartsWith("ApiKey is not public data: an import never writes it.", import.Message);
        Assert.Equal(("The Courier", 0), (Assert.Single(store.Collection<ApiKey>().Query()).Name, store.Collection<Party>().Query().Count()));
    }

    [Fact]
    public async Task The_version_guard_refuses_a_stale_write_and_keeps_the_stored_document()
    {
        await using var store = EmbeddedStore.Open(_data.Path);
        var parties = store.Collection<Party>();
        await parties.UpsertAsync(Party("GRN", "Green"), 0);
        await parties.UpsertAsync(Party("GRN", "Green Party"), 1);

        var stale = await Assert.ThrowsAsync<VersionConflictException>(() => parties.UpsertAsync(Party("GRN", "Stale"), 1));
        var duplicate = await Assert.ThrowsAsync<VersionConflictException>(() => parties.UpsertAsync(Party("GRN", "New"), 0));

        Assert.Equal((1, 2), (stale.ExpectedVersion, stale.CurrentVersion));
        Assert.Equal(2, duplicate.CurrentVersion);
        Assert.Equal("Green Party", Assert.Single(parties.Query()).Name);
    }

    [Fact]
    public async Task Writes_survive_a_reopen()
    {
        await using (var store = EmbeddedStore.Open(_data.Path))
        {
            await store.Collection<Party>().UpsertAsync(Party("LD", "Liberal Democrats"), 0);
        }

        await using var reopened = EmbeddedStore.Open(_data.Path);
        var party = Assert.Single(reopened.Collection<Party>().Query());
        Assert.Equal(("LD", "Liberal Democrats", 1L), (party.Id, party.Name, party.Version));
    }

    [Fact]
    public async Task The_seed_s_ballots_are_imported_in_one_write_and_read_back_whole_after_a_reopen()
    {
        var ballots = Seed.Documents.Ballots;
        await using (var store = EmbeddedStore.Open(_data.Path))
        {
            var summary = await store.ImportAsync(ballots);
            Assert.Equal(new ImportSummary(ballots.Count, 0, 0), summary);
        }

        await using var reopened = EmbeddedStore.Open(_data.Path);
        var stored = reopened.Collection<Ballot>().Query().ToDictionary(b => b.Id);
        Assert.Equal(ballots.Count, stored.Count);
        Assert.All(ballots, ballot =>
        {
            var read = stored[ballot.Id];
            Assert.True(DocumentBson.SameContent(DocumentBson.ToBson(ballot), DocumentBson.ToBson(read)), ballot.Id);
            Assert.Equal(1, read.Version);
        });
        // One import is one write: every document carries its time.
        Assert.Single(stored.Values.Select(b => b.UpdatedAt).Distinct());
        var closest = reopened.Collection<Ballot>().Query().Where(b => b.Majority != null).OrderBy(b => b.Majority).ThenBy(b => b.Id).First();
        Assert.Equal(("local.hertsmere.borehamwood-kenilworth.2019-05-02", 0), (closest.Id, closest.Majority));
        Assert.Equal(ballots.Count(b => b.Uncontested), reopened.Collection<Ballot>().Query().Count(b => b.Uncontested));
    }

    [Fact]
    public async Task Watchers_see_every_accepted_write_in_order()
    {
        await using var store = EmbeddedStore.Open(_data.Path);
        var parties = store.Collection<Party>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var watch = await parties.WatchAsync(cancel.Token);
        var changes = watch.GetAsyncEnumerator(cancel.Token);

        await parties.UpsertAsync(Party("CON", "Conservative"), 0);
        await Assert.ThrowsAsync<VersionConflictException>(() => parties.UpsertAsync(Party("CON", "Refused"), 0));
        await parties.UpsertAsync(Party("CON", "Conservative and Unionist"), 1);

        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(("Conservative", 1L), (changes.Current.Name, changes.Current.Version));
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(("Conservative and Unionist", 2L), (changes.Current.Name, changes.Current.Version));
    }

    [Fact]
    public async Task A_second_opener_is_told_the_store_is_in_use()
    {
        await using var store = EmbeddedStore.Open(_data.Path);

        var refused = Assert.Throws<StoreUnavailableException>(() => EmbeddedStore.Open(_data.Path));
        Assert.Contains("in use by another process", refused.Message);
    }

    public void Dispose() => _data.Dispose();
}
