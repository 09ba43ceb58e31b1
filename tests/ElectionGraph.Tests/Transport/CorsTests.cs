using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ElectionGraph.Api.Cors;
using ElectionGraph.Api.Transport;
using ElectionGraph.Storage;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Transport;

/// <summary>
/// CORS as a browser meets it: preflights answered before keys and budgets; every answer, refusals included,
/// readable by the pages allowed to read, with the headers a client needs exposed and never credentials; mutations
/// only from the desk's origins, on every transport; WebSocket upgrades held to the origins allowed to read.
/// </summary>
public sealed class CorsTests : IDisposable
{
    private const string Page = "https://maps.example";
    private const string Desk = "https://desk.example";
    private const string Elsewhere = "https://elsewhere.example";
    /// <summary>The in-process API's own origin: where the GraphiQL page it serves comes from.</summary>
    private const string Itself = "http://localhost";
    private const string Elections = "{ elections { totalCount } }";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    /// <summary>An API on polling day with the desk's key configured, and these settings.</summary>
    private ApiFactory Api(params (string Key, string Value)[] settings) => ApiFactory.OnPollingDay(_data, settings);

    [Fact]
    public async Task A_preflight_is_answered_204_with_what_a_page_may_send_and_for_how_long_and_needs_no_key()
    {
        using var api = Api(("ElectionGraph:Anonymous:Enabled", "false"));
        using var client = api.CreateClient();

        using var preflight = await client.SendAsync(Preflight(Page, "content-type,authorization,x-api-key,x-request-id"));
        using var withoutKey = await client.SendAsync(Post(Page, Elections));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("*", Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Equal(["GET", "POST"], Values(preflight, "Access-Control-Allow-Methods"));
        Assert.Subset(Values(preflight, "Access-Control-Allow-Headers").ToHashSet(StringComparer.OrdinalIgnoreCase),
            new HashSet<string>(["content-type", "authorization", "x-api-key", "x-request-id", "accept", "cache-control"]));
        Assert.Equal("7200", Header(preflight, "Access-Control-Max-Age"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Equal((HttpStatusCode.Unauthorized, "*"), (withoutKey.StatusCode, Header(withoutKey, "Access-Control-Allow-Origin"))); // keys are on
    }

    [Fact]
    public async Task A_header_no_client_needs_is_not_allowed_so_the_browser_sends_nothing()
    {
        using var api = Api();
        using var client = api.CreateClient();

        using var preflight = await client.SendAsync(Preflight(Page, "content-type,x-forwarded-for"));

        Assert.DoesNotContain("x-forwarded-for", Values(preflight, "Access-Control-Allow-Headers"), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Preflights_cost_no_budget_and_refusals_written_before_GraphQL_runs_are_readable_by_the_page()
    {
        using var api = Api(("ElectionGraph:Budgets:Anonymous:RequestsPerMinute", "1")); // one request, the next a minute later
        using var client = api.CreateClient();

        var preflights = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var preflight = await client.SendAsync(Preflight(Page));
            preflights.Add(preflight.StatusCode);
        }

        using var answered = await client.SendAsync(Post(Page, Elections));
        using var tooMany = await client.SendAsync(Post(Page, Elections));
        using var unknownKey = await client.SendAsync(Post(Page, Elections, key: "not-a-key"));

        Assert.All(preflights, status => Assert.Equal(HttpStatusCode.NoContent, status));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal((HttpStatusCode.TooManyRequests, "RATE_LIMITED", "*"), (tooMany.StatusCode, await Code(tooMany), Header(tooMany, "Access-Control-Allow-Origin")));
        Assert.NotNull(tooMany.Headers.RetryAfter);
        Assert.Contains("Retry-After", Values(tooMany, "Access-Control-Expose-Headers"));
        Assert.Equal((HttpStatusCode.Unauthorized, "INVALID_API_KEY", "*"), (unknownKey.StatusCode, await Code(unknownKey), Header(unknownKey, "Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Every_answer_may_be_read_from_any_origin_with_its_ETag_and_request_id_and_never_with_credentials()
    {
        using var api = Api();
        using var client = api.CreateClient();
        await Eventually.HoldsAsync(() => api.Services.GetRequiredService<DataVersion>().Current is not null, "the data version (ETags)", () => "none");

        using var posted = await client.SendAsync(Post(Page, Elections));
        using var got = await client.SendAsync(Get(Page, Elections));
        using var notModified = await client.SendAsync(Get(Page, Elections, got.Headers.ETag));
        using var sdl = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql/schema.graphql") { Headers = { { "Origin", Page } } });
        using var health = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health/ready") { Headers = { { "Origin", Page } } });
        using var download = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/downloads/parties.csv") { Headers = { { "Origin", Page } } });

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Subset(Values(download, "Access-Control-Expose-Headers").ToHashSet(), new HashSet<string>(["Content-Disposition", "Link"])); // the file's name, its licence
        foreach (var response in new[] { posted, got, notModified, sdl, health, download })
        {
            Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
            Assert.Subset(Values(response, "Access-Control-Expose-Headers").ToHashSet(), new HashSet<string>(["ETag", "X-Request-Id", "Retry-After"]));
            Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        }
    }

    [Fact]
    public async Task A_mutation_from_a_page_of_another_origin_is_refused_on_every_transport_before_anything_runs()
    {
        using var api = Api(("ElectionGraph:Cors:DeskOrigins:0", Desk));
        var store = api.Services.GetRequiredService<IDocumentStore>();
        var before = StoreContents.Of(store);
        var declare = new { input = ResultsDesk.Input(ResultsDesk.Declarable[0], "from-a-page") };
        using var client = api.CreateClient();

        using var posted = await client.SendAsync(Post(Page, ResultsDesk.Declare, declare, ResultsDesk.Key));
        using var streamed = await client.SendAsync(Post(Page, ResultsDesk.Declare, declare, ResultsDesk.Key, accept: "text/event-stream"));
        await using var socket = await GraphQLSocket.ReadyAsync(api, ResultsDesk.Key, origin: Page);
        await socket.SendAsync(new { id = "m", type = "subscribe", payload = new { query = ResultsDesk.Declare, variables = declare } });
        var overSocket = await socket.ReceiveAsync();

        Assert.Equal((HttpStatusCode.Forbidden, Origins.NotAllowed, "*"), (posted.StatusCode, await Code(posted), Header(posted, "Access-Control-Allow-Origin")));
        Assert.Equal((HttpStatusCode.Forbidden, Origins.NotAllowed), (streamed.StatusCode, await Code(streamed)));
        Assert.Equal(("error", Origins.NotAllowed), (overSocket?.GetProperty("type").GetString(), overSocket?.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString()));
        Assert.Equal(before, StoreContents.Of(store));
    }

    [Fact]
    public async Task Mutations_run_from_the_desk_s_origins_from_the_API_s_own_pages_and_from_clients_that_are_no_page()
    {
        using var api = Api(("ElectionGraph:Cors:DeskOrigins:0", Desk));
        using var client = api.CreateClient();

        var answers = new List<(HttpStatusCode, string?)>();
        foreach (var (origin, result) in new[] { (Desk, 0), (Itself, 1), ((string?)null, 2) })
        {
            using var response = await client.SendAsync(Post(origin, ResultsDesk.Declare, new { input = ResultsDesk.Input(ResultsDesk.Declarable[result], $"d{result}") }, ResultsDesk.Key));
            answers.Add((response.StatusCode, await Code(response)));
        }

        await using var socket = await GraphQLSocket.ReadyAsync(api, ResultsDesk.Key, origin: Desk);
        await socket.SendAsync(new { id = "m", type = "subscribe", payload = new { query = ResultsDesk.Declare, variables = new { input = ResultsDesk.Input(ResultsDesk.Declarable[3], "d3") } } });
        var overSocket = await socket.ReceiveAsync();

        Assert.All(answers, answer => Assert.Equal((HttpStatusCode.OK, null), answer));
        Assert.Equal("next", overSocket?.GetProperty("type").GetString());
        Assert.Equal(ResultsDesk.Declarable[3].Id, overSocket?.GetProperty("payload").GetProperty("data").GetProperty("declareCouncilResult").GetProperty("id").GetString());
    }

    [Fact]
    public async Task With_allowed_origins_only_their_pages_and_the_desk_s_may_read_and_open_WebSockets()
    {
        using var api = Api(("ElectionGraph:Cors:AllowedOrigins:0", Page), ("ElectionGraph:Cors:DeskOrigins:0", Desk));
        using var client = api.CreateClient();

        using var fromPage = await client.SendAsync(Post(Page, Elections));
        using var fromDesk = await client.SendAsync(Post(Desk, Elections));
        using var fromElsewhere = await client.SendAsync(Post(Elsewhere, Elections));
        using var preflightElsewhere = await client.SendAsync(Preflight(Elsewhere));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => GraphQLSocket.ConnectAsync(api, origin: Elsewhere));

        Assert.Equal(Page, Header(fromPage, "Access-Control-Allow-Origin"));
        Assert.Contains("Origin", Values(fromPage, "Vary")); // so a shared cache keeps one answer per origin
        Assert.Equal(Desk, Header(fromDesk, "Access-Control-Allow-Origin"));
        Assert.Null(Header(fromElsewhere, "Access-Control-Allow-Origin")); // the browser keeps the answer from its page
        Assert.Null(Header(preflightElsewhere, "Access-Control-Allow-Origin"));
        Assert.Contains("403", refused.Message);
        foreach (var origin in new[] { Page, Desk, Itself, null })
        {
            await using var socket = await GraphQLSocket.ReadyAsync(api, origin: origin);
            await socket.SubscribedAsync("s", Subscribed.Declarations);
        }
    }

    [Theory]
    [InlineData("AllowedOrigins", "https://maps.example/map")]
    [InlineData("AllowedOrigins", "*")]
    [InlineData("DeskOrigins", "desk.example")]
    public void An_origin_that_is_not_an_origin_stops_the_start_and_says_which(string key, string value)
    {
        using var api = Api(($"ElectionGraph:Cors:{key}:0", value));

        var refused = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains($"ElectionGraph:Cors:{key}: '{value}'", refused.ToString());
    }

    private static HttpRequestMessage Preflight(string origin, string headers = "content-type,x-api-key") => new(HttpMethod.Options, "/graphql")
    {
        Headers = { { "Origin", origin }, { "Access-Control-Request-Method", "POST" }, { "Access-Control-Request-Headers", headers } },
    };

    private static HttpRequestMessage Post(string? origin, string query, object? variables = null, string? key = null, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return request;
    }

    private static HttpRequestMessage Get(string origin, string query, EntityTagHeaderValue? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/graphql?query={Uri.EscapeDataString(query)}") { Headers = { { "Origin", origin } } };
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(ifNoneMatch);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(',', values) : null;

    /// <summary>A list header's items, however the server split them over lines.</summary>
    private static IReadOnlyList<string> Values(HttpResponseMessage response, string name) =>
        Header(response, name)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    private static async Task<string?> Code(HttpResponseMessage response) => Keys.Code(await response.Content.ReadFromJsonAsync<JsonElement>());
}
