using System.Net;
using System.Text.RegularExpressions;
using ElectionGraph.Api.Telemetry;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Telemetry;

/// <summary>/metrics, scraped as Prometheus would: each of the API's metrics after the events it counts, with labels from bounded sets.</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_scrape_after_a_query_a_refusal_a_declaration_and_a_delivery_finds_each_with_bounded_labels()
    {
        using var api = new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay);
        await using var socket = await GraphQLSocket.ReadyAsync(api);
        await socket.SubscribedAsync("s", Subscribed.Declarations);

        await api.QueryAsync("""query Mine { councils(first: 1) { totalCount } }""");
        await api.PostAsync(new { query = "{ councils { nodes { nope } } }" });
        var declared = await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(ResultsDesk.Declarable[0], "d-1") });
        Assert.False(declared.TryGetProperty("errors", out var errors), errors.ToString());
        await socket.ReceiveAsync();
        var scrape = await ScrapeUntilAsync(api, "electiongraph_declaration_delivery_duration_seconds_count");

        Assert.Matches(Series("electiongraph_operation_duration_seconds_count", """electiongraph_outcome="ok",electiongraph_partner="anonymous",graphql_operation_name="other",graphql_operation_type="query"""), scrape);
        Assert.Matches(Series("electiongraph_operation_duration_seconds_count", """electiongraph_outcome="FIELDS_ON_CORRECT_TYPE",electiongraph_partner="anonymous",graphql_operation_name="other",graphql_operation_type="query"""), scrape);
        Assert.Matches(Series("electiongraph_operation_duration_seconds_count", """electiongraph_outcome="ok",electiongraph_partner="ElectionGraph:ResultsDeskKey",graphql_operation_name="other",graphql_operation_type="mutation"""), scrape);
        Assert.Matches(Series("electiongraph_declarations_total", """electiongraph_outcome="ok",graphql_field_name="declareCouncilResult"""), scrape);
        Assert.Matches(Series("electiongraph_declaration_delivery_duration_seconds_count", ""), scrape);
        Assert.Matches(Series("electiongraph_subscription_messages_total", """graphql_field_name="councilResultDeclared"""), scrape);
        Assert.Matches(Series("electiongraph_subscriptions_active", """graphql_field_name="councilResultDeclared"""), scrape);
        Assert.Matches(Series("electiongraph_connections_open", """electiongraph_transport="websocket"""), scrape);
        Assert.Matches(Series("electiongraph_operation_cost_count", ""), scrape);
        Assert.Matches(Series("electiongraph_response_cache_answers_total", """electiongraph_cache="miss"""), scrape);
        Assert.Matches(Series("electiongraph_store_operation_duration_seconds_count", """db_collection_name="councils",db_operation_name="find",db_system_name="embedded",electiongraph_outcome="ok"""), scrape);
        Assert.Matches(Series("electiongraph_store_operation_duration_seconds_count", """db_collection_name="councilResults",db_operation_name="upsert",db_system_name="embedded",electiongraph_outcome="ok"""), scrape);
        Assert.Contains("http_server_request_duration_seconds_count", scrape); // ASP.NET Core's
        Assert.Contains("dotnet_gc_collections_total", scrape); // the runtime's
        // Bounded: no operation's own name unless registered, no key, no council or variable.
        Assert.DoesNotContain("Mine", scrape);
        Assert.DoesNotContain(ResultsDesk.Key, scrape);
        Assert.DoesNotContain(ResultsDesk.Declarable[0].Council.Code, scrape);
    }

    [Fact]
    public async Task A_webhook_s_attempts_are_counted_by_outcome_and_its_delivery_timed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(number => number == 1 ? 503 : 200);
        using var api = ApiFactory.OnPollingDay(_data, Webhooks.PartnerWebhooks.Settings);
        var partner = await Webhooks.PartnerWebhooks.IssueAsync(api);
        var (id, _) = await partner.CreateAsync(receiver.Url);

        await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(ResultsDesk.Declarable.First(r => r.Council.Region == "North West"), "nw") });
        await partner.DeliveriesWhenAsync(id, d => d is [{ } only] && only.GetProperty("status").GetString() == "DELIVERED", "the delivery made at the second attempt");
        // Counted as each outcome is stored: a scrape a moment later has both attempts.
        Regex[] expected =
        [
            Series("electiongraph_webhook_attempts_total", """electiongraph_outcome="retry"""),
            Series("electiongraph_webhook_attempts_total", """electiongraph_outcome="delivered"""),
            Series("electiongraph_webhook_delivery_duration_seconds_count", ""),
        ];
        using var client = api.CreateClient();
        var scrape = "";
        await Eventually.HoldsAsync(async () =>
        {
            scrape = await client.GetStringAsync("/metrics");
            return expected.All(series => series.IsMatch(scrape));
        }, "both attempts and the delivery counted", () => scrape);

        Assert.DoesNotContain("wh_", scrape); // no webhook by its id (nor its URL)
    }

    [Fact]
    public async Task A_registered_operation_is_named_and_persisted_lookups_and_refusals_are_counted()
    {
        using var api = new ApiFactory(_data.Path, settings: new Dictionary<string, string>
        {
            ["ElectionGraph:Http:PersistedQueries:Directory"] = Repo.File("schema/examples"),
            ["ElectionGraph:Budgets:Anonymous:RequestsPerMinute"] = "18", // a burst of three
        });
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/graphql?documentId=national-scoreboard")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/graphql?documentId=no-such-operation")).StatusCode);
        HttpStatusCode status;
        do status = (await client.GetAsync("/graphql?documentId=national-scoreboard")).StatusCode;
        while (status != HttpStatusCode.TooManyRequests);
        var scrape = await ScrapeUntilAsync(api, "electiongraph_requests_refused_total");

        Assert.Matches(Series("electiongraph_operation_duration_seconds_count", """electiongraph_outcome="ok",electiongraph_partner="anonymous",graphql_operation_name="NationalScoreboard",graphql_operation_type="query"""), scrape);
        Assert.Matches(Series("electiongraph_persisted_queries_lookups_total", """electiongraph_persisted="miss"""), scrape);
        Assert.Matches(Series("electiongraph_persisted_queries_lookups_total", """electiongraph_persisted="hit"""), scrape);
        Assert.Matches(Series("electiongraph_requests_refused_total", """electiongraph_reason="RATE_LIMITED"""), scrape);
    }

    [Fact]
    public async Task Switched_off_there_is_no_such_endpoint()
    {
        using var api = new ApiFactory(_data.Path, settings: new Dictionary<string, string> { ["ElectionGraph:Metrics:Enabled"] = "false" });

        Assert.Equal(HttpStatusCode.NotFound, (await api.CreateClient().GetAsync("/metrics")).StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.5", true)] // a compose network
    [InlineData("::ffff:192.168.1.9", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("2001:db8::1", false)]
    public void Only_loopback_and_private_networks_may_scrape_unless_configured(string address, bool allowed)
    {
        Assert.Equal(allowed, new MetricsOptions().Allows(IPAddress.Parse(address)));
        Assert.False(new MetricsOptions { AllowedNetworks = ["192.0.2.0/24"] }.Allows(IPAddress.Loopback));
    }

    /// <summary>
    /// A series line: the metric, its labels (those given, in the exporter's order, among others) and a value of at least
    /// one. Never an exact count: OpenTelemetry takes every meter named ElectionGraph in the process, so each in-process
    /// API's /metrics also counts what the other tests' APIs did meanwhile (in production, one API is one process).
    /// </summary>
    private static Regex Series(string metric, string labels) =>
        new($"(?m)^{Regex.Escape(metric)}\\{{[^}}]*{Regex.Escape(labels)}[^}}]*\\}} [1-9][0-9.e+]*( [0-9]+)?$");

    /// <summary>Scrapes until the text holds the metric: what a connection's writer records after the client has read it lands a moment later.</summary>
    private static async Task<string> ScrapeUntilAsync(ApiFactory api, string metric)
    {
        using var client = api.CreateClient();
        var scrape = "";
        await Eventually.HoldsAsync(async () =>
        {
            scrape = await client.GetStringAsync("/metrics");
            return scrape.Contains(metric);
        }, $"{metric} in the scrape", () => scrape);
        return scrape;
    }

    public void Dispose() => _data.Dispose();
}
