using System.Text.Json;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Schema;
using ElectionGraph.Tests.Support;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static ElectionGraph.Tests.Limits.Documents;

namespace ElectionGraph.Tests.Limits;

/// <summary>
/// The cost model of README's "Keys and limits", worked through on real operations: each answer reports
/// what was estimated (requested) and what it held (actual), the latter counted here from the seed.
/// </summary>
public class CostTests(SeededApi seeded) : IClassFixture<SeededApi>
{
    /// <summary>
    /// The results map at 500 a page: the page (2) and its connection object (1), then per item the node,
    /// its council and control (an object each) and 8 expected seat rows, each an object with its party's.
    /// </summary>
    public const long ResultsMap = 2 + 1 + 500 * (1 + 1 + 1 + 8 * (1 + 1));

    /// <summary>The same with each result's election (1) and its 20 expected reported totals.</summary>
    public const long HeavyMap = ResultsMap + 500 * (1 + 20);

    private static async Task<(JsonElement Data, long Requested, long Actual)> CostOf(ApiFactory api, string query, object? variables = null)
    {
        var answer = await api.PostAsync(new { query, variables });
        Assert.False(answer.TryGetProperty("errors", out var errors), errors.ToString());
        var cost = answer.GetProperty("extensions").GetProperty("cost");
        return (answer.GetProperty("data"), cost.GetProperty("requested").GetInt64(), cost.GetProperty("actual").GetInt64());
    }

    [Fact]
    public async Task The_results_map_costs_a_fifth_of_the_maximum_and_its_answer_counts_the_real_results()
    {
        var (_, requested, actual) = await CostOf(seeded.Api, Documents.ResultsMap);

        var results = Seed.Documents.CouncilResults;
        Assert.Equal(ResultsMap, requested);
        Assert.True(requested * 5 <= new LimitsOptions().MaxOperationCost, $"{requested} points");
        Assert.Equal(2 + 1 + results.Count * 3 + results.Sum(r => r.Seats.Count) * 2, actual);
    }

    [Fact]
    public async Task A_page_costs_what_first_or_last_asks_for_whether_written_or_a_variable()
    {
        const string query = """query($n: Int) { councils(first: $n) { nodes { name } } }""";

        var (_, ten, tenActual) = await CostOf(seeded.Api, query, new { n = 10 });
        var (_, hundred, _) = await CostOf(seeded.Api, query, new { n = 100 });
        var (_, byDefault, _) = await CostOf(seeded.Api, "{ councils { nodes { name } } }");
        var (_, last, _) = await CostOf(seeded.Api, "{ councils(last: 7) { nodes { name } } }");

        Assert.Equal((3 + 10, 3 + 100, 3 + 50, 3 + 7), (ten, hundred, byDefault, last));
        Assert.Equal(ten, tenActual);
    }

    [Fact]
    public async Task Scalars_and_page_info_cost_nothing_counting_costs_its_store_work()
    {
        var (_, ids, _) = await CostOf(seeded.Api, "{ councils(first: 10) { nodes { code name region } pageInfo { hasNextPage } } }");
        var (_, counted, _) = await CostOf(seeded.Api, "{ councils(first: 10) { totalCount nodes { code name region } pageInfo { hasNextPage } } }");

        Assert.Equal((3 + 10 + 1, 3 + 10 + 1 + FieldCost.Count), (ids, counted));
    }

    [Fact]
    public async Task A_filter_adds_a_point_for_each_value_it_holds_written_or_in_variables()
    {
        var (_, plain, _) = await CostOf(seeded.Api, "{ councils { totalCount } }");
        var (_, inline, _) = await CostOf(seeded.Api, """{ councils(where: { region: { in: ["London", "North West", "Wales"] }, nation: { eq: ENGLAND } }) { totalCount } }""");
        var (_, variables, _) = await CostOf(seeded.Api, "query($where: CouncilFilterInput) { councils(where: $where) { totalCount } }",
            new { where = new { region = new { @in = new[] { "London", "North West", "Wales" } }, nation = new { eq = "ENGLAND" } } });

        Assert.Equal((plain + 4, plain + 4), (inline, variables));
    }

    [Fact]
    public async Task A_fragment_costs_as_if_written_out_wherever_it_is_spread()
    {
        var (_, written, _) = await CostOf(seeded.Api, "{ councils(first: 20) { nodes { name } } parties(first: 30) { nodes { name } } }");
        var (_, spread, _) = await CostOf(seeded.Api,
            "{ councils(first: 20) { ...Names } parties(first: 30) { ...PartyNames } } fragment Names on CouncilConnection { nodes { name } } fragment PartyNames on PartyConnection { ... on PartyConnection { nodes { name } } }");

        Assert.Equal(written, spread);
    }

    [Fact]
    public async Task Each_id_asked_of_nodes_is_a_lookup_and_an_item_whether_written_or_a_variable()
    {
        string[] ids = ["party:LD", "party:LAB", "party:NOPE"];
        var (_, one, oneActual) = await CostOf(seeded.Api, """{ node(id: "party:LD") { id } }""");
        var (_, written, writtenActual) = await CostOf(seeded.Api, """{ nodes(ids: ["party:LD", "party:LAB", "party:NOPE"]) { id } }""");
        var (_, variables, _) = await CostOf(seeded.Api, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        // Each id: its lookup, its object, and its value in the argument list.
        Assert.Equal((FieldCost.Lookup + 1, ids.Length * (FieldCost.Lookup + 1 + 1)), (one, written));
        Assert.Equal(written, variables);
        // The unknown id was looked up, but the answer holds no object for it.
        Assert.Equal((one, written - 1), (oneActual, writtenActual));
    }

    [Fact]
    public async Task Aggregates_cost_their_groupings_and_their_rows()
    {
        var (data, requested, actual) = await CostOf(seeded.Api, """{ partyTotals(electionId: "local.2019-05-02") { partyCode party { name } } }""");

        Assert.Equal(2 * FieldCost.Grouping + 100 * (1 + 1), requested);
        var rows = data.GetProperty("partyTotals").EnumerateArray().ToList();
        Assert.Equal(2 * FieldCost.Grouping + rows.Count + rows.Count(r => r.GetProperty("party").ValueKind == JsonValueKind.Object), actual);
    }

    [Fact]
    public async Task Queries_over_a_WebSocket_report_their_cost_too_as_over_SSE_which_shares_their_path()
    {
        await using var socket = await GraphQLSocket.ReadyAsync(seeded.Api);
        await socket.SubscribeAsync("q", "{ councils(first: 10) { nodes { name } } }");
        var next = await socket.ReceiveAsync();

        Assert.Equal(13, next?.GetProperty("payload").GetProperty("extensions").GetProperty("cost").GetProperty("requested").GetInt64());
    }

    [Fact]
    public void Every_list_of_objects_in_the_schema_says_how_many_items_it_expects()
    {
        using var services = new ServiceCollection().AddElectionGraphSchema().BuildServiceProvider();
        var schema = services.GetRequiredService<ISchema>();
        schema.Initialize();

        var silent = schema.AllTypes.OfType<IObjectGraphType>().Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal))
            .SelectMany(t => t.Fields.Select(f => (Type: t.Name, Field: f)))
            .Where(x => x.Field.ResolvedType is { } type && (type is NonNullGraphType n ? n.ResolvedType : type) is ListGraphType
                        && type.GetNamedType() is IComplexGraphType && !FieldCost.DeclaresItems(x.Field))
            .Select(x => $"{x.Type}.{x.Field.Name}");

        Assert.Empty(silent);
    }

    [Fact]
    public async Task A_rate_limiter_plugs_in_as_a_cost_budget_that_may_refuse_and_reports_what_is_left()
    {
        using var data = new TempDirectory();
        var budget = new TestBudget(limit: 1_000);
        using var api = new ApiFactory(data.Path).WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<ICostBudget>(budget)));
        using var client = api.CreateClient();
        async Task<JsonElement> Post(string query) => JsonDocument.Parse(await (await client.PostAsync("/graphql",
            new StringContent(JsonSerializer.Serialize(new { query }), System.Text.Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync()).RootElement;

        var small = await Post("{ councils(first: 10) { nodes { name } } }");
        var large = await Post(Documents.ResultsMap);

        Assert.Equal("""{"remaining":987,"limit":1000,"restoreRate":50}""", small.GetProperty("extensions").GetProperty("cost").GetProperty("budget").GetRawText());
        Assert.Equal(["RATE_LIMITED"], EveryTransport.Codes(large.GetProperty("errors")));
        Assert.False(large.TryGetProperty("data", out _));
        Assert.Equal([13L], budget.Settled);
    }

    /// <summary>A budget like a rate limiter's: refuses what it cannot cover, charges what was actually spent.</summary>
    private sealed class TestBudget(long limit) : ICostBudget
    {
        private long _spent;

        public List<long> Settled { get; } = [];

        public ValueTask<ExecutionError?> ChargeAsync(OperationCost cost, ExecutionOptions options) =>
            ValueTask.FromResult(cost.Requested > limit - _spent ? new ExecutionError("Over budget.") { Code = "RATE_LIMITED" } : null);

        public void Settle(OperationCost cost, ExecutionOptions options)
        {
            Settled.Add(cost.Actual);
            _spent += cost.Actual;
            cost.Budget = new CostBudget(limit - _spent, limit, RestoreRate: 50);
        }

        public void Forfeit(OperationCost cost, ExecutionOptions options)
        {
        }
    }
}
