using System.Net;
using System.Net.Http.Headers;
using ElectionGraph.Api.Access;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Transport;
using ElectionGraph.Domain;
using ElectionGraph.Domain.Access;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Codes = ElectionGraph.Api.Subscriptions.WebSocketConnection.CloseCodes;

namespace ElectionGraph.Tests.Security;

/// <summary>How a caller presents a key, what happens to a revoked or missing one, and how a key's use is recorded.</summary>
public sealed class AuthenticationTests : IDisposable
{
    /// <summary>Answered only for a key the server recognises as an admin's.</summary>
    private const string AdminsOnly = "{ apiKeys { id } }";

    private readonly TempDirectory _data = new();
    private readonly ApiFactory _api;

    public AuthenticationTests() => _api = new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay);

    [Fact]
    public async Task A_key_is_accepted_as_X_Api_Key_as_a_Bearer_token_in_connection_init_and_on_the_socket_s_upgrade()
    {
        var admin = await Keys.IssueAsync(_api, Roles.Admin);

        var header = await Keys.PostAsync(_api, admin.Secret, AdminsOnly);
        using var bearer = _api.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.Secret);
        using var asBearer = await bearer.PostAsync("/graphql", new StringContent($$"""{"query":"{{AdminsOnly}}"}""", System.Text.Encoding.UTF8, "application/json"));
        await using var initialised = await GraphQLSocket.ReadyAsync(_api, admin.Secret);
        await using var upgraded = await GraphQLSocket.ConnectAsync(_api, headerKey: admin.Secret);
        await upgraded.SendAsync(new { type = "connection_init" });
        var ack = await upgraded.ReceiveAsync();
        var anonymous = await Keys.PostAsync(_api, null, AdminsOnly);

        Assert.Equal((200, null), (header.Status, Keys.Code(header.Body)));
        Assert.Equal(HttpStatusCode.OK, asBearer.StatusCode);
        Assert.DoesNotContain("errors", await asBearer.Content.ReadAsStringAsync());
        Assert.Equal("next", await AnswerAsync(initialised));
        Assert.Equal("connection_ack", ack?.GetProperty("type").GetString());
        Assert.Equal("next", await AnswerAsync(upgraded));
        Assert.Equal((401, "UNAUTHENTICATED"), (anonymous.Status, Keys.Code(anonymous.Body)));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_from_the_next_request_and_on_new_sockets_wherever_it_was_revoked()
    {
        var revokedHere = await Keys.IssueAsync(_api, Roles.Partner);
        var revokedElsewhere = await Keys.IssueAsync(_api, Roles.Partner);
        await using var before = await GraphQLSocket.ReadyAsync(_api, revokedHere.Secret);

        await _api.Services.GetRequiredService<ApiKeyRegistry>().RevokeAsync(revokedHere.ApiKey.Id, CancellationToken.None);
        var next = await Keys.AnswerAsync(_api, revokedHere.Secret);
        await using var after = await GraphQLSocket.ConnectAsync(_api);
        await after.SendAsync(new { type = "connection_init", payload = new { apiKey = revokedHere.Secret } });
        // As another API instance on the same MongoDB, or the keys command, would: this instance learns of it from the change feed.
        await new ApiKeyRegistry(_api.Services.GetRequiredService<IDocumentStore>(), TimeProvider.System).RevokeAsync(revokedElsewhere.ApiKey.Id, CancellationToken.None);

        var index = _api.Services.GetRequiredService<ApiKeyIndex>();
        await Eventually.HoldsAsync(() => index.Find(revokedElsewhere.ApiKey.Hash)?.RevokedAt is not null,
            "the revocation made elsewhere in the index", () => "not yet");
        var elsewhere = await Keys.AnswerAsync(_api, revokedElsewhere.Secret);

        Assert.Equal((401, "INVALID_API_KEY"), next);
        Assert.Equal((Codes.Forbidden, "Forbidden: INVALID_API_KEY"), await after.ClosedAsync());
        Assert.Equal((401, "INVALID_API_KEY"), elsewhere);
        Assert.Equal("next", await AnswerAsync(before, "{ __typename }")); // a socket opened before goes on
    }

    [Fact]
    public async Task Keys_are_checked_from_the_start_while_the_change_feed_is_slow_to_open_and_followed_once_it_is()
    {
        var inner = EmbeddedStore.Open(_data["held"]);
        var command = new ApiKeyRegistry(inner, TimeProvider.System); // as the keys command would, before the API starts
        var partner = await command.CreateAsync(new ApiKeyGrant("The Courier", null, [Roles.Partner], null), test: false, CancellationToken.None);
        await using var store = new HeldFeedStore(inner);
        using var api = new ApiFactory(_data["api"], store, ResultsDesk.PollingDay);

        var served = await Keys.PostAsync(api, partner.Secret, "{ councils { totalCount } }");
        await command.RevokeAsync(partner.ApiKey.Id, CancellationToken.None);
        store.Feed.SetResult();
        var index = api.Services.GetRequiredService<ApiKeyIndex>();
        await Eventually.HoldsAsync(() => index.Find(partner.ApiKey.Hash)?.RevokedAt is not null, "the revocation in the index", () => "not yet");

        Assert.Equal((200, null), (served.Status, Keys.Code(served.Body)));
        Assert.Equal((401, "INVALID_API_KEY"), await Keys.AnswerAsync(api, partner.Secret));
    }

    [Fact]
    public async Task While_keys_cannot_be_read_a_key_is_told_to_try_again_and_once_they_can_it_works()
    {
        var inner = EmbeddedStore.Open(_data["down"]);
        var partner = await new ApiKeyRegistry(inner, TimeProvider.System).CreateAsync(new ApiKeyGrant("The Courier", null, [Roles.Partner], null), test: false, CancellationToken.None);
        await using var store = new KeysUnreadable(inner);
        using var api = new ApiFactory(_data["api"], store, ResultsDesk.PollingDay);

        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", partner.Secret);
        using var refused = await client.PostAsync("/graphql", new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json"));
        var anonymous = await Keys.AnswerAsync(api, null);
        var desk = await Keys.AnswerAsync(api, ResultsDesk.Key);
        store.Down = false;
        var index = api.Services.GetRequiredService<ApiKeyIndex>();
        await Eventually.HoldsAsync(() => index.Loaded, "the keys read once the store answers", () => "not yet");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "5"), (refused.StatusCode, refused.Headers.RetryAfter?.ToString()));
        Assert.Contains("STORE_UNAVAILABLE", await refused.Content.ReadAsStringAsync());
        Assert.Equal(((200, (string?)null), (200, (string?)null)), (anonymous, desk));
        Assert.Equal((200, null), await Keys.AnswerAsync(api, partner.Secret));
    }

    [Fact]
    public async Task An_unknown_key_is_refused_on_every_transport()
    {
        var post = await Keys.PostAsync(_api, "eg_live_" + new string('A', 43), "{ __typename }");
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "guess");
        using var get = await client.GetAsync("/graphql?query=%7B__typename%7D");
        await using var socket = await GraphQLSocket.ConnectAsync(_api);
        await socket.SendAsync(new { type = "connection_init", payload = new { apiKey = "guess" } });

        Assert.Equal((401, "INVALID_API_KEY"), (post.Status, Keys.Code(post.Body)));
        Assert.Equal((HttpStatusCode.Unauthorized, "Bearer"), (get.StatusCode, get.Headers.WwwAuthenticate.ToString()));
        Assert.Equal((Codes.Forbidden, "Forbidden: INVALID_API_KEY"), await socket.ClosedAsync());
    }

    [Fact]
    public async Task Without_anonymous_access_every_transport_needs_a_key()
    {
        using var api = new ApiFactory(_data["closed"], settings: new Dictionary<string, string>(ResultsDesk.PollingDay) { ["ElectionGraph:Anonymous:Enabled"] = "false" });
        var partner = await Keys.IssueAsync(api, Roles.Partner);

        var post = await Keys.PostAsync(api, null, "{ __typename }");
        using var client = api.CreateClient();
        using var get = await client.GetAsync("/graphql?query=%7B__typename%7D");
        using var stream = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D") { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/event-stream") } } });
        await using var socket = await GraphQLSocket.ConnectAsync(api);
        await socket.SendAsync(new { type = "connection_init" });
        var withKey = await Keys.PostAsync(api, partner.Secret, "{ __typename }");
        await using var socketWithKey = await GraphQLSocket.ReadyAsync(api, partner.Secret);

        Assert.Equal((401, "API_KEY_REQUIRED"), (post.Status, Keys.Code(post.Body)));
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stream.StatusCode);
        Assert.Equal((Codes.Forbidden, "Forbidden: API_KEY_REQUIRED"), await socket.ClosedAsync());
        Assert.Equal((200, null), (withKey.Status, Keys.Code(withKey.Body)));
        Assert.Equal("next", await AnswerAsync(socketWithKey, "{ __typename }"));
    }

    [Fact]
    public async Task A_key_s_use_is_recorded_once_an_interval_in_the_background()
    {
        var clock = new ManualClock(new DateTimeOffset(2019, 5, 3, 1, 0, 0, TimeSpan.Zero));
        using var api = _api.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var partner = await Keys.IssueAsync(api, Roles.Partner);
        var keys = api.Services.GetRequiredService<IDocumentStore>().Collection<ApiKey>();
        Task<ApiKey> Recorded(DateTimeOffset at) => RecordedAsync(keys, partner.ApiKey.Id, at);

        await UseAsync(api, partner.Secret, times: 20);
        var first = await Recorded(clock.Now);
        clock.Now += TimeSpan.FromMinutes(9);
        await UseAsync(api, partner.Secret, times: 20);
        clock.Now += TimeSpan.FromMinutes(1);
        await UseAsync(api, partner.Secret, times: 1);
        var second = await Recorded(clock.Now);

        // Created, then one write an interval: the 40 other uses wrote nothing (writes are made in order).
        Assert.Equal((2, 3), (first.Version, second.Version));
    }

    [Fact]
    public async Task A_key_s_use_that_cannot_be_recorded_fails_no_request()
    {
        var logs = new CapturedLogs();
        using var api = new ApiFactory(_data["full"], new UsesNotRecorded(EmbeddedStore.Open(_data["full"])))
            .WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(logs)));
        var partner = await Keys.IssueAsync(api, Roles.Partner);

        var first = await Keys.PostAsync(api, partner.Secret, "{ councils { totalCount } }");
        await Eventually.HoldsAsync(() => logs.Lines.Any(l => l.Contains("Warning: The last use of API key " + partner.ApiKey.Id)),
            "a warning that the use was not recorded", () => "none");
        var after = await Keys.PostAsync(api, partner.Secret, "{ councils { totalCount } }");

        Assert.Equal((200, null, 200, null), (first.Status, Keys.Code(first.Body), after.Status, Keys.Code(after.Body)));
    }

    [Fact]
    public async Task Recording_a_key_s_use_moves_no_ETag()
    {
        using var api = new ApiFactory(_data["etag"]);
        await api.Services.GetRequiredService<DataVersion>().Ready;
        using var client = api.CreateClient();
        const string path = "/graphql?query=%7B%20councils%20%7B%20totalCount%20%7D%20%7D";
        using var first = await client.GetAsync(path);

        var partner = await Keys.IssueAsync(api, Roles.Partner);
        await UseAsync(api, partner.Secret, times: 1);
        await RecordedAsync(api.Services.GetRequiredService<IDocumentStore>().Collection<ApiKey>(), partner.ApiKey.Id, null);
        using var again = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { IfNoneMatch = { first.Headers.ETag! } } });

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    private static Task UseAsync(WebApplicationFactory<Program> api, string key, int times) =>
        Task.WhenAll(Enumerable.Range(0, times).Select(_ => Keys.PostAsync(api, key, "{ __typename }")));

    /// <summary>Waits until the key's last use is stored (as <paramref name="at"/>, if given).</summary>
    private static async Task<ApiKey> RecordedAsync(IDocumentCollection<ApiKey> keys, string id, DateTimeOffset? at)
    {
        ApiKey Stored() => keys.Query().Single(k => k.Id == id);
        await Eventually.HoldsAsync(() => Stored().LastUsedAt is { } used && (at is null || used == at.Value.UtcDateTime),
            $"the key's use recorded{(at is null ? "" : $" at {at:u}")}", () => $"{Stored().LastUsedAt:u}");
        return Stored();
    }

    private static async Task<string?> AnswerAsync(GraphQLSocket socket, string query = AdminsOnly)
    {
        await socket.SubscribeAsync("q", query);
        return (await socket.ReceiveAsync())?.GetProperty("type").GetString();
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>A store whose keys cannot be read while it is down, as an unreachable MongoDB's could not.</summary>
    private sealed class KeysUnreadable(IDocumentStore inner) : StoreDecorator(inner)
    {
        public volatile bool Down = true;

        protected override IQueryable<T> Query<T>(IDocumentCollection<T> collection) =>
            Down && typeof(T) == typeof(ApiKey) ? throw new StoreUnavailableException("The store is unreachable.") : base.Query(collection);
    }

    /// <summary>A store that cannot write a key's last use, as a full disk would refuse it.</summary>
    private sealed class UsesNotRecorded(IDocumentStore inner) : StoreDecorator(inner)
    {
        protected override Task<T> UpsertAsync<T>(IDocumentCollection<T> collection, T document, long expectedVersion, CancellationToken cancellationToken) =>
            document is ApiKey { LastUsedAt: not null }
                ? throw new StoreUnavailableException("The disk is full.")
                : base.UpsertAsync(collection, document, expectedVersion, cancellationToken);
    }

    public void Dispose()
    {
        _api.Dispose();
        _data.Dispose();
    }
}
