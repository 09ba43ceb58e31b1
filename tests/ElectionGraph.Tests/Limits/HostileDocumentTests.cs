using System.Net;
using System.Text;
using System.Text.Json;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Tests.Support;
using static ElectionGraph.Tests.Limits.Documents;

namespace ElectionGraph.Tests.Limits;

/// <summary>
/// The documents of issue 9's "Why", each refused with its own code on every transport before anything runs
/// (no data), and the server answering a normal query right after. How fast they are refused is measured
/// by bench/ElectionGraph.Benchmarks (LimitsBenchmarks), not here.
/// </summary>
public class HostileDocumentTests(SeededApi seeded) : IClassFixture<SeededApi>
{
    private readonly EveryTransport _transports = new(seeded.Api);

    [Theory]
    [InlineData(18)]
    [InlineData(40)]
    public async Task A_fragment_bomb_is_refused_by_its_size_once_spread_without_spreading_it(int levels)
    {
        var refusals = await _transports.RefusalsAsync(FragmentBomb(levels));

        // 2^levels copies of party { name }: two fields and two points (a lookup, an object) each.
        var copies = 1L << levels;
        Assert.All(refusals.Values, errors =>
        {
            Assert.Equal(["TOO_MANY_SELECTIONS", "QUERY_TOO_COSTLY"], EveryTransport.Codes(errors));
            Assert.Equal(2 * copies, errors[0].GetProperty("extensions").GetProperty("selections").GetInt64());
            Assert.Equal(2 * copies, errors[1].GetProperty("extensions").GetProperty("cost").GetInt64());
        });
    }

    [Fact]
    public async Task A_bomb_in_an_operation_not_selected_is_refused_too_since_validation_would_walk_it()
    {
        var document = $"query Fine {{ elections {{ totalCount }} }} query Bomb {FragmentBomb(40)}";

        var response = await seeded.Api.PostAsync(new { query = document, operationName = "Fine" });

        Assert.Equal(["TOO_MANY_SELECTIONS"], EveryTransport.Codes(response.GetProperty("errors")));
    }

    [Fact]
    public async Task An_empty_operation_name_selects_the_only_operation_as_the_executer_does_and_it_is_measured_too()
    {
        var response = await seeded.Api.PostAsync(new { query = FragmentBomb(40), operationName = "" });

        Assert.Equal(["TOO_MANY_SELECTIONS", "QUERY_TOO_COSTLY"], EveryTransport.Codes(response.GetProperty("errors")));
    }

    [Theory]
    [InlineData("{ ...A } fragment A on Query { elections { totalCount } ...A }")]
    [InlineData("{ ...A } fragment A on Query { elections { totalCount } ...B } fragment B on Query { ... on Query { ...A } }")]
    public async Task A_fragment_that_spreads_itself_is_refused(string document) =>
        await _transports.RefusedAsync("NO_FRAGMENT_CYCLES", document);

    [Fact]
    public async Task A_subscription_past_a_limit_is_refused_over_a_WebSocket_and_over_SSE()
    {
        var subscription = """subscription { councilResultDeclared(electionId: "local.2019-05-02") { ...Declared } } fragment Declared on CouncilResult { id ...Declared }""";
        await using var socket = await GraphQLSocket.ReadyAsync(seeded.Api);
        using var client = seeded.Api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = subscription }), Encoding.UTF8, "application/json"),
            Headers = { Accept = { new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("text/event-stream") } },
        };

        await socket.SubscribeAsync("s", subscription);
        var error = await socket.ReceiveAsync();
        using var stream = await client.SendAsync(request);

        Assert.Equal(("s", "error"), (error?.GetProperty("id").GetString(), error?.GetProperty("type").GetString()));
        Assert.Equal(["NO_FRAGMENT_CYCLES"], EveryTransport.Codes(error!.Value.GetProperty("payload")));
        Assert.Equal(HttpStatusCode.BadRequest, stream.StatusCode);
        Assert.Equal(["NO_FRAGMENT_CYCLES"], EveryTransport.Codes(JsonDocument.Parse(await stream.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")));
        await Subscribed.NoneAsync(seeded.Api);
    }

    [Fact]
    public async Task A_selection_nested_40_deep_is_a_coded_refusal_not_a_500()
    {
        var refusals = await _transports.RefusedAsync("QUERY_TOO_DEEP", Nested(40));

        Assert.All(refusals.Values, errors => Assert.Equal((41, 20),
            (errors[0].GetProperty("extensions").GetProperty("depth").GetInt32(), errors[0].GetProperty("extensions").GetProperty("maximum").GetInt32())));
    }

    [Fact]
    public async Task Introspection_nested_through_its_types_is_refused_by_depth_and_by_its_lists_cost()
    {
        var deep = "{ __schema { types { " + string.Concat(Enumerable.Repeat("fields { type { ", 12)) + "name" + new string('}', 26) + " }";

        var refusals = await _transports.RefusalsAsync(deep);

        Assert.All(refusals.Values, errors => Assert.Equal(["QUERY_TOO_DEEP", "QUERY_TOO_COSTLY"], EveryTransport.Codes(errors)));
    }

    [Fact]
    public async Task A_filter_of_2000_nested_and_or_written_inline_is_a_coded_refusal_not_a_500() =>
        await _transports.RefusedAsync("DOCUMENT_TOO_DEEP", NestedFilter(2000));

    [Fact]
    public async Task A_filter_nested_past_the_filter_limit_but_within_the_documents_keeps_its_own_code()
    {
        var response = await seeded.Api.PostAsync(new { query = NestedFilter(8) });

        Assert.Equal(["FILTER_TOO_DEEP"], EveryTransport.Codes(response.GetProperty("errors")));
    }

    [Fact]
    public async Task The_results_map_aliased_100_times_with_reported_totals_is_refused_as_too_costly()
    {
        var refusals = await _transports.RefusalsAsync(Aliased(100, HeavyMapField));

        Assert.All(refusals.Values, errors =>
        {
            var costly = errors.EnumerateArray().Single(e => e.GetProperty("extensions").GetProperty("code").GetString() == "QUERY_TOO_COSTLY");
            Assert.Equal((100 * CostTests.HeavyMap, 50_000),
                (costly.GetProperty("extensions").GetProperty("cost").GetInt64(), costly.GetProperty("extensions").GetProperty("maximum").GetInt64()));
        });
    }

    [Fact]
    public async Task A_batch_of_ten_such_documents_is_refused_whole_before_any_of_it_runs()
    {
        using var client = seeded.Api.CreateClient();
        var batch = Enumerable.Repeat(new { query = Aliased(100, HeavyMapField) }, 10).ToArray();

        using var response = await client.PostAsync("/graphql", new StringContent(JsonSerializer.Serialize(batch), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Object, answer.ValueKind);
        var error = Assert.Single(answer.GetProperty("errors").EnumerateArray());
        Assert.Equal(("QUERY_TOO_COSTLY", 1_000 * CostTests.HeavyMap, 100_000), (error.GetProperty("extensions").GetProperty("code").GetString(),
            error.GetProperty("extensions").GetProperty("cost").GetInt64(), error.GetProperty("extensions").GetProperty("maximum").GetInt64()));
        await _transports.StillServingAsync();
    }

    [Fact]
    public async Task A_thousand_aliases_of_a_small_field_are_refused()
    {
        var refusals = await _transports.RefusalsAsync(Aliased(1_000, """party(code: "CON") { name }"""));

        Assert.All(refusals.Values, errors => Assert.Equal(["TOO_MANY_SELECTIONS", "TOO_MANY_ALIASES"], EveryTransport.Codes(errors)));
    }

    [Fact]
    public async Task Introspection_100_times_over_by_aliases_is_refused_and_once_is_answered()
    {
        var refusals = await _transports.RefusalsAsync(IntrospectionAliased(100));
        var once = await seeded.Api.QueryAsync(Introspection);

        Assert.All(refusals.Values, errors => Assert.Equal(["TOO_MANY_SELECTIONS", "TOO_MANY_ALIASES", "QUERY_TOO_COSTLY"], EveryTransport.Codes(errors)));
        Assert.Contains(once.GetProperty("__schema").GetProperty("types").EnumerateArray(), t => t.GetProperty("name").GetString() == "CouncilResult");
    }

    [Fact]
    public async Task Five_thousand_directives_on_one_field_are_one_error_not_five_thousand() =>
        // 90 KB of them: refused for its size before the lexer even starts.
        await _transports.RefusedAsync("DOCUMENT_TOO_LARGE", Directives(5_000), webSocket: false);

    [Fact]
    public async Task Sixty_directives_are_one_error_for_the_directive_limit() =>
        await _transports.RefusedAsync("TOO_MANY_DIRECTIVES", Directives(60));

    [Fact]
    public async Task Errors_past_the_limit_are_summed_up_in_one_last_error()
    {
        // 40 copies of a directive that may appear once: GraphQL.NET reports each of them.
        var refusals = await _transports.RefusalsAsync(Directives(40));

        Assert.All(refusals.Values, errors =>
        {
            var codes = EveryTransport.Codes(errors);
            Assert.Equal(21, codes.Count);
            Assert.All(codes.Take(20), code => Assert.Equal("UNIQUE_DIRECTIVES_PER_LOCATION", code));
            Assert.Equal("TOO_MANY_ERRORS", codes[20]);
            Assert.Equal(20, errors[20].GetProperty("extensions").GetProperty("omitted").GetInt32());
        });
    }

    [Fact]
    public async Task A_document_past_the_token_limit_is_refused_before_it_is_parsed() =>
        await _transports.RefusedAsync("TOO_MANY_TOKENS", "{ " + string.Concat(Enumerable.Repeat("a ", 15_000)) + "}");

    [Fact]
    public async Task A_document_past_the_size_limit_is_refused_and_over_a_WebSocket_is_a_message_too_big()
    {
        var large = "# " + new string('x', 70_000) + "\n{ elections { totalCount } }";

        await _transports.RefusedAsync("DOCUMENT_TOO_LARGE", large, webSocket: false);
        await using var socket = await GraphQLSocket.ReadyAsync(seeded.Api);
        await socket.SubscribeAsync("large", large);
        Assert.Equal(WebSocketConnection.CloseCodes.MessageTooBig, (await socket.ClosedAsync()).Code);
    }

    [Theory]
    [InlineData("{ elections { totalCount }")]
    [InlineData("{ elections(where: { name: { eq: \"unterminated }) { totalCount } }")]
    public async Task A_document_that_does_not_parse_is_still_a_syntax_error(string document) =>
        await _transports.RefusedAsync("SYNTAX_ERROR", document);
}
