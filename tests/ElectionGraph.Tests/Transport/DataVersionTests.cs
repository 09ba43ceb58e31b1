using ElectionGraph.Api.Transport;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Transport;

/// <summary>The data version behind ETags and the response cache moves with every write the store's feed tells of.</summary>
public sealed class DataVersionTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_write_stamped_earlier_than_the_version_still_moves_it_so_no_kept_answer_outlives_it()
    {
        // Another API instance on the same MongoDB, its clock behind this one's: its writes arrive stamped in the past.
        await using var store = new SlowClockFeed(EmbeddedStore.Open(_data["store"]));
        using var api = new ApiFactory(_data["api"], store);
        var version = api.Services.GetRequiredService<DataVersion>();
        await version.Ready;
        const string notes = "{ council(code: \"E08000001\") { results { notes } } }";
        var before = (await api.QueryAsync(notes)).GetRawText();
        Assert.Equal(before, (await api.QueryAsync(notes)).GetRawText()); // kept

        var results = store.Collection<CouncilResult>();
        var bolton = results.Query().Single(r => r.Council.Code == "E08000001");
        var at = version.Current;
        await results.UpsertAsync(bolton with { Notes = "corrected elsewhere" }, bolton.Version);

        await Eventually.HoldsAsync(() => version.Current != at, "the version to move", () => $"{version.Current}");
        Assert.Contains("corrected elsewhere", (await api.QueryAsync(notes)).GetRawText());
    }

    /// <summary>A store whose feed tells of each council result stamped at the Unix epoch, long before the version.</summary>
    private sealed class SlowClockFeed(IDocumentStore inner) : StoreDecorator(inner)
    {
        protected override async Task<IChangeStream<T>> WatchAsync<T>(IDocumentCollection<T> collection, CancellationToken cancellationToken) =>
            new Restamped<T>(await collection.WatchAsync(cancellationToken));

        private sealed class Restamped<T>(IChangeStream<T> inner) : IChangeStream<T>
        {
            public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
            {
                await foreach (var document in inner.WithCancellation(cancellationToken))
                    yield return document is CouncilResult result ? (T)(object)(result with { UpdatedAt = DateTime.UnixEpoch }) : document;
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
