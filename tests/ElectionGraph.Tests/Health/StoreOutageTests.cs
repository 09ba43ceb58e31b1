using System.Net;
using System.Text.Json;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Api.Transport;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Health;

/// <summary>
/// The store goes away and comes back (as a MongoDB server out of reach would): requests fail fast with
/// STORE_UNAVAILABLE, subscribers are told, readiness follows the store, and everything recovers by itself.
/// </summary>
public sealed class StoreOutageTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private OutageStore _store = null!;
    private ApiFactory _api = null!;

    public Task InitializeAsync()
    {
        _store = new OutageStore(EmbeddedStore.Open(_data["store"]));
        _api = new ApiFactory(_data["api"], _store, new Dictionary<string, string>(ResultsDesk.PollingDay)
        {
            // Reopen failed feeds within a fifth of a second of the store's return, and probe it on every ready check.
            ["ElectionGraph:ChangeFeed:RetryMaxSeconds"] = "0.2",
            ["ElectionGraph:Health:ReadyReuseSeconds"] = "0",
        });
        return Task.CompletedTask;
    }

    [Fact]
    public async Task While_the_store_is_down_queries_and_declarations_answer_STORE_UNAVAILABLE_and_afterwards_nothing_was_half_written()
    {
        var desk = new ResultsDesk(_api);
        var council = ResultsDesk.Declarable[0];
        _store.GoDown();

        AssertStoreUnavailable(await _api.PostAsync(new { query = "{ councils { totalCount } }" }));
        AssertStoreUnavailable(await desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(council, "d-1") }));

        _store.ComeBack();
        var data = await _api.QueryAsync("""{ councils { totalCount } councilResults(electionId: "local.2019-05-02") { totalCount } }""");
        Assert.Equal((259, 0), (data.GetProperty("councils").GetProperty("totalCount").GetInt32(), data.GetProperty("councilResults").GetProperty("totalCount").GetInt32()));
        var declared = await desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(council, "d-1") });
        Assert.Equal(1, declared.GetProperty("data").GetProperty("declareCouncilResult").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Subscribers_are_told_STORE_UNAVAILABLE_new_ones_are_refused_and_once_the_feed_reopens_a_new_subscription_gets_declarations()
    {
        await using var socket = await GraphQLSocket.ReadyAsync(_api);
        await socket.SubscribedAsync("before", Subscribed.Declarations);
        await socket.SubscribedAsync("aliased", Subscribed.Declarations.Replace("{ councilResultDeclared", "{ mine: councilResultDeclared"));
        using var stream = await EventStreamClient.OpenAsync(_api.CreateClient(), Subscribed.Declarations);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        _store.GoDown();

        // Over WebSocket an error ends each subscription (the socket stays open), each error its own operation's;
        // over SSE, a next with the errors, then complete.
        var errors = new[] { await socket.ReceiveAsync(), await socket.ReceiveAsync() }.ToDictionary(e => e!.Value.GetProperty("id").GetString()!, e => e!.Value);
        Assert.All(errors.Values, e => Assert.Equal("error", e.GetProperty("type").GetString()));
        Assert.Equal([(StoreUnavailable.Code, "councilResultDeclared", 1), (StoreUnavailable.Code, "mine", 1)],
            new[] { errors["before"], errors["aliased"] }.Select(e => e.GetProperty("payload")[0])
                .Select(e => (Code(e), e.GetProperty("path")[0].GetString(), e.GetProperty("locations").GetArrayLength())));
        var (name, data) = await stream.NextAsync();
        Assert.Equal(("next", StoreUnavailable.Code), (name, Code(JsonDocument.Parse(data).RootElement.GetProperty("errors")[0])));
        Assert.Equal("complete", (await stream.NextAsync()).Event);

        await socket.SubscribeAsync("while-down", Subscribed.Declarations);
        var refused = await socket.ReceiveAsync();
        Assert.Equal(("while-down", "error"), (refused?.GetProperty("id").GetString(), refused?.GetProperty("type").GetString()));
        Assert.Equal(StoreUnavailable.Code, Code(refused!.Value.GetProperty("payload")[0]));

        _store.ComeBack();
        var feed = _api.Services.GetRequiredService<ResultFeed>();
        await Eventually.HoldsAsync(() => feed.Open.IsCompletedSuccessfully, "the result feed open again", () => feed.Open.Status.ToString());
        await socket.SubscribedAsync("after", Subscribed.Declarations);
        var council = ResultsDesk.Declarable[0];
        await new ResultsDesk(_api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(council, "d-1") });

        var next = await socket.ReceiveAsync();
        Assert.Equal(("after", council.Council.Code), (next?.GetProperty("id").GetString(),
            next?.GetProperty("payload").GetProperty("data").GetProperty("councilResultDeclared").GetProperty("council").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Http_caching_is_off_while_the_feed_is_down_and_on_again_with_a_live_version_once_it_reopens()
    {
        var version = _api.Services.GetRequiredService<DataVersion>();
        await version.Ready;
        using var client = _api.CreateClient();
        Assert.NotNull(await ETagAsync(client));

        _store.GoDown();
        await Eventually.HoldsAsync(() => version.Current is null, "caching off", () => $"version {version.Current}");
        _store.ComeBack();
        await Eventually.HoldsAsync(() => version.Current is not null, "caching on again", () => "no version");

        var reopened = version.Current!.Value;
        var tag = await ETagAsync(client);
        Assert.NotNull(tag);
        await new ResultsDesk(_api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(ResultsDesk.Declarable[0], "d-1") });
        await Eventually.HoldsAsync(() => version.Current > reopened, "the declaration moving the data version", () => $"{version.Current}");
        Assert.NotEqual(tag, await ETagAsync(client));
    }

    private static async Task<string?> ETagAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/graphql?query={councils{totalCount}}");
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag?.Tag;
    }

    private static void AssertStoreUnavailable(JsonElement response)
    {
        var error = response.GetProperty("errors")[0];
        Assert.Equal(StoreUnavailable.Code, Code(error));
        // The partner learns what happened, not the store's internals.
        Assert.DoesNotContain("took the store down", error.GetRawText());
    }

    private static string? Code(JsonElement error) => error.GetProperty("extensions").GetProperty("code").GetString();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _store.DisposeAsync();
        _data.Dispose();
    }
}
