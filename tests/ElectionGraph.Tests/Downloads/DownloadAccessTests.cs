using System.Net;
using System.Text.Json;
using ElectionGraph.Domain.Access;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Downloads;

/// <summary>
/// Downloads are the API's: the same keys, request rates and cost budgets. A download is charged what paging
/// through the same list would cost (per page of 500 rows its store work, its arguments and the connection; a
/// point per object written), page by page, and waits for the budget to refill rather than failing half-way.
/// The budgets here refill a point a second, so what a test sees does not depend on how fast it runs.
/// </summary>
public sealed class DownloadAccessTests : IDisposable
{
    /// <summary>18 councils: 18 rows + 18 hexagons + 2 (a page) + 1 (its connection) + 1 (one value in the filter) = 40 points.</summary>
    private static readonly string Yorkshire = DownloadTests.Url("councils.csv", """where={"region":{"eq":"Yorkshire and The Humber"}}""");

    /// <summary>10 councils: 24 points.</summary>
    private static readonly string NorthEast = DownloadTests.Url("councils.csv", """where={"region":{"eq":"North East"}}""");

    private readonly TempDirectory _data = new();

    private ApiFactory Api(params (string Key, string Value)[] settings) =>
        ApiFactory.OnPollingDay(_data, settings.Select(s => ($"ElectionGraph:{s.Key}", s.Value)));

    [Fact]
    public async Task With_anonymous_access_off_a_download_needs_a_key()
    {
        using var api = Api(("Anonymous:Enabled", "false"));
        var partner = await Keys.IssueAsync(api, Roles.Partner);
        using var client = api.CreateClient();

        using var anonymous = await client.GetAsync(Yorkshire);
        using var keyed = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Yorkshire) { Headers = { { "X-Api-Key", partner.Secret } } });

        Assert.Equal((HttpStatusCode.Unauthorized, "API_KEY_REQUIRED"), (anonymous.StatusCode, Keys.Code(await Body(anonymous))));
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Equal(19, (await keyed.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_partner_key_s_budget_is_charged_for_the_rows_and_pages_a_download_writes()
    {
        using var api = Api(("Budgets:Partner:CostPerMinute", "100000"));
        var partner = await Keys.IssueAsync(api, Roles.Partner, new ApiKeyBudget(CostPerMinute: 60, null, null, null));

        using var download = await Get(api, Yorkshire, partner.Secret);
        var (_, body) = await Keys.PostAsync(api, partner.Secret, "{ __typename }");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var remaining = body.GetProperty("extensions").GetProperty("cost").GetProperty("budget").GetProperty("remaining").GetInt32();
        Assert.InRange(remaining, 60 - 40, 60 - 40 + 3); // a point a second comes back meanwhile
    }

    [Fact]
    public async Task A_download_costing_more_than_is_left_waits_for_the_budget_and_arrives_whole()
    {
        using var api = Api(("Budgets:Anonymous:CostPerMinute", "60"));
        using var client = api.CreateClient();

        using var first = await client.GetAsync(Yorkshire); // 40 of 60 points
        using var second = await client.GetAsync(NorthEast); // 24 more: the last few as they are restored
        var (status, body) = await Keys.PostAsync(api, null, "{ __typename }");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(11, (await second.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        // Nothing left (refused as spent), or the point or two restored since.
        var remaining = status == 429 ? 0 : body.GetProperty("extensions").GetProperty("cost").GetProperty("budget").GetProperty("remaining").GetInt32();
        Assert.InRange(remaining, 0, 3);
    }

    [Fact]
    public async Task A_caller_whose_budget_is_spent_is_refused_a_download_before_it_starts()
    {
        using var api = Api(("Budgets:Anonymous:CostPerMinute", "1"), ("Budgets:RefusedShare", "1"));
        using var client = api.CreateClient();

        var (_, tooCostly) = await Keys.PostAsync(api, null, "{ councils(first: 40) { nodes { name } } }"); // refused, and the budget's one point with it
        using var spent = await client.GetAsync(Yorkshire);

        Assert.Equal("QUERY_TOO_COSTLY", Keys.Code(tooCostly));
        Assert.Equal((HttpStatusCode.TooManyRequests, "RATE_LIMITED"), (spent.StatusCode, Keys.Code(await Body(spent))));
        Assert.NotNull(spent.Headers.RetryAfter);
    }

    [Fact]
    public async Task Downloads_count_against_the_caller_s_requests_and_open_streams()
    {
        using var requests = Api(("Budgets:Anonymous:RequestsPerMinute", "6")); // one at once, then one every ten seconds
        using var streams = Api(("Budgets:Anonymous:EventStreams", "1"));
        using var client = requests.CreateClient();
        using var streaming = streams.CreateClient();

        using var allowed = await client.GetAsync(Yorkshire);
        using var tooMany = await client.GetAsync(Yorkshire);
        using var subscription = await EventStreamClient.OpenAsync(streaming, Subscribed.Declarations); // the caller's one stream, live
        using var noStream = await streaming.GetAsync(Yorkshire);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (allowed.StatusCode, subscription.Response.StatusCode));
        Assert.Equal((HttpStatusCode.TooManyRequests, "RATE_LIMITED"), (tooMany.StatusCode, Keys.Code(await Body(tooMany))));
        Assert.Equal((HttpStatusCode.TooManyRequests, "TOO_MANY_STREAMS"), (noStream.StatusCode, Keys.Code(await Body(noStream))));
    }

    [Fact]
    public async Task A_store_out_of_reach_is_503_STORE_UNAVAILABLE_before_anything_is_sent()
    {
        await using var store = new OutageStore(EmbeddedStore.Open(_data["store"]));
        using var api = new ApiFactory(_data["api"], store);
        using var client = api.CreateClient();
        using var before = await client.GetAsync("/downloads/elections.csv"); // seeded, and up
        store.GoDown();

        using var down = await client.GetAsync("/downloads/elections.csv");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "STORE_UNAVAILABLE"), (down.StatusCode, Keys.Code(await Body(down))));
    }

    private static async Task<HttpResponseMessage> Get(ApiFactory api, string url, string key)
    {
        using var client = api.CreateClient();
        return await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "X-Api-Key", key } } });
    }

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public void Dispose() => _data.Dispose();
}
