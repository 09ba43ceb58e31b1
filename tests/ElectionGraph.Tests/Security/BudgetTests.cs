using System.Net;
using System.Text.Json;
using ElectionGraph.Api.Budgets;
using ElectionGraph.Domain.Access;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Codes = ElectionGraph.Api.Subscriptions.WebSocketConnection.CloseCodes;

namespace ElectionGraph.Tests.Security;

/// <summary>
/// Each caller's budgets: cost points and requests (token buckets refilling over a minute), WebSocket
/// connections and SSE streams open at once, subscriptions and subscribe messages per connection. The
/// budgets here are tiny and refill slowly (a point or a request every second or more), so what a test sees
/// does not depend on how fast it runs.
/// </summary>
public sealed class BudgetTests : IDisposable
{
    // 2 + 1 + 40 × 1 points (a page, its connection, 40 councils): under the 60-point budget once, not twice.
    private const string Forty = "{ councils(first: 40) { nodes { name } } }";
    private readonly TempDirectory _data = new();

    private ApiFactory Api(params (string Key, string Value)[] budgets) =>
        ApiFactory.OnPollingDay(_data, budgets.Select(b => ($"ElectionGraph:Budgets:{b.Key}", b.Value)));

    [Fact]
    public async Task An_operation_is_charged_its_cost_and_over_budget_is_429_with_Retry_After_while_each_answer_says_what_is_left()
    {
        using var api = Api(("Anonymous:CostPerMinute", "60"));
        using var client = api.CreateClient();

        using var first = await PostAsync(client, Forty);
        using var second = await PostAsync(client, Forty);

        var cost = Cost(await Body(first));
        var requested = cost.GetProperty("requested").GetInt32();
        Assert.Equal(43, requested);
        Assert.Equal((HttpStatusCode.OK, 60, 1.0), (first.StatusCode, cost.GetProperty("budget").GetProperty("limit").GetInt32(), cost.GetProperty("budget").GetProperty("restoreRate").GetDouble()));
        Assert.InRange(cost.GetProperty("budget").GetProperty("remaining").GetInt32(), 60 - requested, 60 - requested + 2);

        var refused = await Body(second);
        Assert.Equal((HttpStatusCode.TooManyRequests, "RATE_LIMITED"), (second.StatusCode, Keys.Code(refused)));
        var wait = refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("retryAfter").GetInt32();
        Assert.Equal(wait.ToString(), second.Headers.RetryAfter!.ToString());
        Assert.InRange(wait, 20, 43); // the points missing, at one a second
        Assert.False(refused.TryGetProperty("data", out _));
    }

    /// <summary>CDNs and browsers hand a GET answer to every caller who asks the same: it says what the query costs, not whose budget is left.</summary>
    [Fact]
    public async Task A_cacheable_GET_answer_carries_the_cost_but_no_caller_s_budget_and_is_the_same_bytes_for_every_caller()
    {
        using var api = Api(("Anonymous:CostPerMinute", "600"));
        using var client = api.CreateClient();
        var keyed = await Keys.IssueAsync(api, Roles.Partner);
        var url = "/graphql?query=" + Uri.EscapeDataString(Forty);

        using var anonymous = await client.GetAsync(url);
        using var partner = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "X-Api-Key", keyed.Secret } } });
        using var posted = await PostAsync(client, Forty);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (anonymous.StatusCode, partner.StatusCode));
        Assert.StartsWith("public", anonymous.Headers.CacheControl!.ToString());
        var cost = Cost(await Body(anonymous));
        Assert.Equal((43, false), (cost.GetProperty("requested").GetInt32(), cost.TryGetProperty("budget", out _)));
        Assert.Equal(await anonymous.Content.ReadAsStringAsync(), await partner.Content.ReadAsStringAsync());
        Assert.Equal(anonymous.Headers.ETag, partner.Headers.ETag);
        // Asked by POST, which no shared cache keeps, the answer says what is left of the caller's budget.
        Assert.True(Cost(await Body(posted)).TryGetProperty("budget", out _));
    }

    [Fact]
    public async Task An_operation_costing_more_than_the_whole_budget_is_refused_as_too_costly_not_told_to_wait()
    {
        using var api = Api(("Anonymous:CostPerMinute", "60"));
        using var client = api.CreateClient();

        using var response = await PostAsync(client, "{ councils(first: 100) { nodes { name } } }");

        var body = await Body(response);
        Assert.Equal("QUERY_TOO_COSTLY", Keys.Code(body));
        Assert.Equal(60, body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("maximum").GetInt32());
        Assert.Null(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Each_key_has_its_own_budget_its_roles_defaults_overridden_by_its_own_and_anonymous_callers_theirs()
    {
        using var api = Api(("Anonymous:CostPerMinute", "60"), ("Partner:CostPerMinute", "100000"));
        var small = await Keys.IssueAsync(api, Roles.Partner, new ApiKeyBudget(CostPerMinute: 60, null, null, null));
        var large = await Keys.IssueAsync(api, Roles.Partner);

        var answers = new List<(int, string?)>();
        foreach (var key in new[] { small.Secret, small.Secret, large.Secret, large.Secret, large.Secret, null, null })
        {
            var (status, body) = await Keys.PostAsync(api, key, Forty);
            answers.Add((status, Keys.Code(body)));
        }

        Assert.Equal([(200, null), (429, "RATE_LIMITED"), (200, null), (200, null), (200, null), (200, null), (429, "RATE_LIMITED")], answers);
    }

    [Fact]
    public async Task Requests_are_counted_whatever_their_cost_and_a_cached_answer_costs_no_points()
    {
        // Ten seconds' worth at once: three requests, then one every 3⅓ s.
        using var api = Api(("Anonymous:RequestsPerMinute", "18"), ("Anonymous:CostPerMinute", "60"));
        using var client = api.CreateClient();
        const string get = "/graphql?query=%7B%20councils(first%3A%2040)%20%7B%20nodes%20%7B%20name%20%7D%20%7D%20%7D";
        await Eventually.HoldsAsync(() => api.Services.GetRequiredService<ElectionGraph.Api.Transport.DataVersion>().Current is not null,
            "the data version (ETags)", () => "none");

        using var answered = await client.GetAsync(get);
        using var notModified = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, get) { Headers = { IfNoneMatch = { answered.Headers.ETag! } } });
        using var overBudget = await PostAsync(client, Forty);
        using var tooMany = await PostAsync(client, "{ __typename }");

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode); // 43 points spent once, not twice…
        Assert.Equal((HttpStatusCode.TooManyRequests, "RATE_LIMITED"), (overBudget.StatusCode, Keys.Code(await Body(overBudget)))); // …so 17 are left
        Assert.Equal((HttpStatusCode.TooManyRequests, "RATE_LIMITED"), (tooMany.StatusCode, Keys.Code(await Body(tooMany)))); // a fourth request
        Assert.NotNull(tooMany.Headers.RetryAfter);
        Assert.Contains("Too many requests", (await Body(tooMany)).GetProperty("errors")[0].GetProperty("message").GetString());

        using var health = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode); // health is nobody's budget
    }

    [Fact]
    public async Task A_caller_whose_points_are_spent_is_refused_before_its_request_is_read_and_a_refused_document_spends_them()
    {
        using var api = Api(("Anonymous:CostPerMinute", "1"), ("RefusedShare", "0.1")); // a point a minute, and what a refusal costs
        using var client = api.CreateClient();

        using var tooCostly = await PostAsync(client, Forty); // 43 points, more than the budget holds: a tenth of it (rounded up, one) is forfeited
        using var spent = await client.PostAsync("/graphql", new StringContent("not even JSON", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal("QUERY_TOO_COSTLY", Keys.Code(await Body(tooCostly)));
        Assert.Equal(0, Cost(await Body(tooCostly)).GetProperty("budget").GetProperty("remaining").GetInt32());
        Assert.Equal((HttpStatusCode.TooManyRequests, "RATE_LIMITED"), (spent.StatusCode, Keys.Code(await Body(spent))));
        Assert.NotNull(spent.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_document_the_limits_refuse_costs_a_tenth_of_the_budget_so_a_mistake_is_cheap_and_a_stream_of_them_is_stopped()
    {
        using var api = Api(("Anonymous:CostPerMinute", "60"), ("RefusedShare", "0.1"));
        using var client = api.CreateClient();
        var bomb = ElectionGraph.Tests.Limits.Documents.FragmentBomb(40);

        var codes = new List<string?>();
        while (codes.LastOrDefault() != "RATE_LIMITED" && codes.Count < 30)
        {
            using var response = await PostAsync(client, bomb);
            codes.Add(Keys.Code(await Body(response)));
        }

        // Six points each: at least ten refusals to spend the sixty (a point a second comes back as they go),
        // then the bomb is refused before it is read.
        Assert.Equal("RATE_LIMITED", codes[^1]);
        Assert.All(codes[..^1], code => Assert.Equal("TOO_MANY_SELECTIONS", code));
        Assert.True(codes.Count > 10, $"{codes.Count - 1} refusals spent the budget; ten take six points each of sixty.");
    }

    [Fact]
    public async Task A_caller_holds_its_number_of_WebSocket_connections_from_the_upgrade_on_and_a_key_in_connection_init_moves_one_to_the_key()
    {
        using var api = Api(("Anonymous:WebSocketConnections", "2"), ("Partner:WebSocketConnections", "1"));
        var partner = await Keys.IssueAsync(api, Roles.Partner);
        await using var first = await GraphQLSocket.ConnectAsync(api); // idle sockets count too
        var second = await GraphQLSocket.ConnectAsync(api);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => GraphQLSocket.ConnectAsync(api));
        await second.SendAsync(new { type = "connection_init", payload = new { apiKey = partner.Secret } });
        var acknowledged = await second.ReceiveAsync();
        await using var third = await GraphQLSocket.ConnectAsync(api); // the address has a connection free again
        await third.SendAsync(new { type = "connection_init", payload = new { apiKey = partner.Secret } });
        var (code, reason) = await third.ClosedAsync(); // the key has none

        Assert.Contains("429", refused.Message);
        Assert.Equal("connection_ack", acknowledged?.GetProperty("type").GetString());
        Assert.Equal(Codes.PolicyViolation, code);
        Assert.Contains("at most 1 at once", reason);

        // Closing gives the key its connection back.
        await second.DisposeAsync();
        await using var fourth = await Eventually.ArrivesAsync(async cancel =>
        {
            for (; ; await Task.Delay(10, cancel))
            {
                GraphQLSocket socket;
                try
                {
                    socket = await GraphQLSocket.ConnectAsync(api);
                }
                catch (InvalidOperationException)
                {
                    continue; // 429: the third's address connection is not given back yet either
                }

                await socket.SendAsync(new { type = "connection_init", payload = new { apiKey = partner.Secret } });
                if ((await socket.ReceiveAsync())?.GetProperty("type").GetString() == "connection_ack") return socket;
                await socket.DisposeAsync(); // the second's connection is not given back yet
            }
        }, "a connection for the key once its other has closed");
        await fourth.SubscribedAsync("s", Subscribed.Declarations);
    }

    [Fact]
    public async Task A_caller_holds_its_number_of_event_streams()
    {
        using var api = Api(("Anonymous:EventStreams", "1"));
        using var client = api.CreateClient();
        using var first = await EventStreamClient.OpenAsync(client, Subscribed.Declarations);

        using var second = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = Subscribed.Declarations }), System.Text.Encoding.UTF8, "application/json"),
            Headers = { Accept = { new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("text/event-stream") } },
        });

        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
        Assert.Equal((HttpStatusCode.TooManyRequests, OpenStreams.TooManyStreams), (second.StatusCode, Keys.Code(await Body(second))));
    }

    [Fact]
    public async Task An_allowance_of_no_streams_or_connections_refuses_each_with_429_and_keeps_serving_queries()
    {
        using var api = Api(("Anonymous:EventStreams", "0"), ("Anonymous:WebSocketConnections", "0"));
        using var client = api.CreateClient();

        using var stream = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = Subscribed.Declarations }), System.Text.Encoding.UTF8, "application/json"),
            Headers = { Accept = { new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("text/event-stream") } },
        });
        using var download = await client.GetAsync("/downloads/councils.csv");
        var socket = await Assert.ThrowsAsync<InvalidOperationException>(() => GraphQLSocket.ConnectAsync(api));
        using var query = await client.PostAsync("/graphql", new StringContent(JsonSerializer.Serialize(new { query = "{ councils(first: 1) { nodes { name } } }" }), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.TooManyRequests, OpenStreams.TooManyStreams), (stream.StatusCode, Keys.Code(await Body(stream))));
        Assert.Equal((HttpStatusCode.TooManyRequests, OpenStreams.TooManyStreams), (download.StatusCode, Keys.Code(await Body(download))));
        Assert.Contains("429", socket.Message);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
    }

    [Fact]
    public async Task A_connection_holds_its_number_of_subscriptions_and_one_past_it_is_refused_alone()
    {
        using var api = Api(("SubscriptionsPerConnection", "2"));
        await using var socket = await GraphQLSocket.ReadyAsync(api);

        await socket.SubscribedAsync("a", Subscribed.Declarations);
        await socket.SubscribedAsync("b", Subscribed.Declarations);
        await socket.SubscribeAsync("c", Subscribed.Declarations);
        var refused = await socket.ReceiveAsync();

        Assert.Equal(("c", "error", "TOO_MANY_SUBSCRIPTIONS"), (refused?.GetProperty("id").GetString(), refused?.GetProperty("type").GetString(),
            refused?.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString()));
        await socket.AcknowledgedAsync(); // the connection carries on
    }

    [Fact]
    public async Task A_flood_of_subscribe_messages_closes_the_connection()
    {
        using var api = Api(("SubscribeBurst", "5"), ("SubscribesPerSecond", "1"));
        await using var socket = await GraphQLSocket.ReadyAsync(api);

        for (var i = 0; i < 50; i++) await socket.SubscribeAsync($"s{i}", Subscribed.Declarations);
        var (code, reason) = await socket.ClosedAsync();

        Assert.Equal(Codes.PolicyViolation, code);
        Assert.Contains("Too many subscribe messages", reason);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/graphql?query=%7B__typename%7D")).StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string query) =>
        client.PostAsync("/graphql", new StringContent(JsonSerializer.Serialize(new { query }), System.Text.Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> Body(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static JsonElement Cost(JsonElement body) => body.GetProperty("extensions").GetProperty("cost");

    public void Dispose() => _data.Dispose();
}
