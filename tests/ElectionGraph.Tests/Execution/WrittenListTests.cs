using ElectionGraph.Api.Execution;
using ElectionGraph.Api.Transport;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Execution;

/// <summary>
/// Lists whose items only read properties are written to JSON as they are read (QueryExecutionStrategy): the answers
/// are GraphQL.NET's own, byte for byte, errors and cost included, and anything else is left to GraphQL.NET.
/// </summary>
public sealed class WrittenListTests : IDisposable
{
    private const string ElectionId = "local.2019-05-02";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    /// <summary>Shapes beyond the examples: aliases, __typename, cursors, nulls, floats, times, enums, nested lists.</summary>
    private static readonly string[] Shapes =
    [
        $$"""{ councilResults(electionId: "{{ElectionId}}", first: 500) { nodes { council { code name region type nation } control { before after changed } seats { partyCode won change changeBasis totalAfter } } } }""",
        $$"""{ councilResults(electionId: "{{ElectionId}}", first: 40) { nodes { __typename id r: council { n: name t: __typename } cycle seatsUp totalSeats turnout status declaredAt updatedAt version seatsComplete changesComplete sources notes test } } }""",
        $$"""{ councilResults(electionId: "{{ElectionId}}", first: 20) { edges { cursor node { council { name } } } pageInfo { hasNextPage endCursor } } }""",
        $$"""{ seatChanges(electionId: "{{ElectionId}}", first: 300, order: [{ change: DESC }]) { nodes { council { name region } partyCode won change control { before after } } } }""",
        $$"""{ mayoralties(electionId: "{{ElectionId}}", first: 10) { nodes { areaName turnout candidates { name partyCode firstRound firstRoundShare secondRound elected } winner { name partyCode } } } }""",
        """{ parties(first: 500) { nodes { code name shortName colour } } }""",
        """{ councils(first: 500) { nodes { code name region type nation results { electionId seats { partyCode won party { shortName } } } } } }""",
    ];

    [Fact]
    public async Task Every_example_and_shape_answers_the_same_bytes_as_GraphQL_NET_executing_every_field()
    {
        // Two APIs on one store, both without the response cache: one as it runs, one with GraphQL.NET's own serial strategy.
        await using var store = EmbeddedStore.Open(_data["store"]);
        await store.ImportAsync(Seed.Documents.Documents);
        var uncached = new Dictionary<string, string> { ["ElectionGraph:ResponseCache:Enabled"] = "false" };
        using var written = new ApiFactory(_data["written"], store, uncached);
        using var stock = new ApiFactory(_data["stock"], store, uncached).WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddSingleton<IExecutionStrategySelector>(new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(SerialExecutionStrategy.Instance, OperationType.Query)]))));
        var operations = PartnerExamples.Queries.Select(PartnerExamples.Text).Concat(Shapes);

        foreach (var query in operations)
        {
            var expected = await ComparableAnswers.PostAsync(stock, query);
            var answer = await ComparableAnswers.PostAsync(written, query);

            Assert.DoesNotContain("\"errors\"", expected.Body);
            Assert.Equal(expected.Comparable, answer.Comparable);
        }
    }

    [Fact]
    public async Task The_results_map_is_written_as_read_not_executed_field_by_field()
    {
        using var api = new ApiFactory(_data["api"], settings: new Dictionary<string, string> { ["ElectionGraph:ResponseCache:Enabled"] = "false" });
        var executer = api.Services.GetRequiredService<IDocumentExecuter>();

        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = Shapes[0],
            RequestServices = api.Services,
        });

        var nodes = Assert.IsType<ArrayExecutionNode>(Node(result, "councilResults", "nodes"));
        Assert.Null(nodes.Items);
        Assert.Equal(259, Assert.IsType<WrittenList>(nodes.SerializedResult, exactMatch: false).Cast<object>().Count());
    }

    private const string CouncilPage = """
        { council(code: "E07000170") { results { seats { partyCode party { shortName colour } won } } } }
        """;

    [Fact]
    public async Task Seat_rows_with_their_party_are_written_once_the_parties_are_loaded_and_a_changed_party_is_seen()
    {
        using var api = new ApiFactory(_data["api"], settings: new Dictionary<string, string> { ["ElectionGraph:ResponseCache:Enabled"] = "false" });
        await api.Services.GetRequiredService<DataVersion>().Ready; // parties are kept only for a known data version
        var executer = api.Services.GetRequiredService<IDocumentExecuter>();
        async Task<(ExecutionResult Result, ArrayExecutionNode Results)> PageAsync()
        {
            var result = await executer.ExecuteAsync(new ExecutionOptions { Query = CouncilPage, RequestServices = api.Services });
            return (result, Assert.IsType<ArrayExecutionNode>(Node(result, "council", "results")));
        }

        var (_, first) = await PageAsync(); // the parties are loaded by this one, through its loader
        var (_, second) = await PageAsync();
        var store = api.Services.GetRequiredService<ElectionGraph.Storage.IDocumentStore>().Collection<ElectionGraph.Domain.Parties.Party>();
        var labour = store.Query().Single(p => p.Id == "LAB");
        await store.UpsertAsync(labour with { Colour = "#123456" }, labour.Version);

        Assert.NotNull(first.Items); // executed field by field, each party pending
        Assert.IsType<WrittenList>(second.SerializedResult); // written as read, each party from the directory
        await Eventually.HoldsAsync(async () => Serialized((await PageAsync()).Result).Contains("\"colour\":\"#123456\""),
            "the page shows Labour's new colour", () => "it shows the old one");
    }

    private static string Serialized(ExecutionResult result) => new GraphQLSerializer(options => options.Encoder = AnswerJson.Encoder).Serialize(result);

    // A schema of its own, to hold what the seed never does: nulls where values are promised, throwing members.

    public enum Kind { Plain, Odd }

    public sealed record Row(string Name, int Count, double? Share, Kind Kind, DateTime At, Row[]? Children = null)
    {
        public string Broken => Name == "broken" ? throw new InvalidOperationException("A member that throws.") : Name;
    }

    private sealed class RowGraphType : ObjectGraphType<Row>
    {
        public RowGraphType()
        {
            Name = "Row";
            Field(r => r.Name);
            Field(r => r.Count);
            Field(r => r.Share, nullable: true);
            Field(r => r.Kind);
            Field(r => r.At);
            Field(r => r.Children, type: typeof(ListGraphType<NonNullGraphType<RowGraphType>>));
            Field(r => r.Broken);
            Field<StringGraphType>("computed").Resolve(context => context.Source.Name.ToUpperInvariant());
        }
    }

    private sealed class RowsQuery : ObjectGraphType
    {
        public RowsQuery(IReadOnlyList<Row?> rows)
        {
            Field<ListGraphType<RowGraphType>>("rows").Resolve(_ => rows);
            Field<NonNullGraphType<ListGraphType<NonNullGraphType<RowGraphType>>>>("strictRows").Resolve(_ => rows);
        }
    }

    private static readonly DateTime At = new(2019, 5, 3, 1, 30, 0, DateTimeKind.Utc);
    private static readonly Row Parent = new("Allerdale", 3, 0.25, Kind.Odd, At, [new("child \"one\" ñ", 1, null, Kind.Plain, At)]);

    public static TheoryData<string, bool, string> Cases => new()
    {
        // rows; whether the list is written; the query
        { "fine", true, "{ rows { name count share kind at __typename n: name children { name share } } }" },
        { "fine", true, "{ strictRows { count } }" },
        { "null-item", true, "{ rows { name } }" },
        { "null-item", false, "{ strictRows { name } }" },
        { "null-name", false, "{ rows { name } }" },
        { "null-name", false, "{ strictRows { name children { name } } }" },
        { "broken", false, "{ rows { name broken } }" },
        { "fine", false, "{ rows { name computed } }" },
        { "fine", false, "{ rows { ...Named } } fragment Named on Row { name }" },
        { "fine", false, "{ rows { name count @include(if: false) } }" },
        { "fine", false, "{ rows { name name: kind } }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Answers_and_errors_are_GraphQL_NETs_own_and_only_property_selections_are_written(string rows, bool written, string query)
    {
        IReadOnlyList<Row?> data = rows switch
        {
            "fine" => [Parent, Parent with { Name = "Bolsover", Share = null, Children = [] }],
            "null-item" => [Parent, null],
            "null-name" => [Parent, Parent with { Name = null!, Children = [Parent with { Name = null! }] }],
            "broken" => [Parent, Parent with { Name = "broken" }],
            _ => throw new ArgumentOutOfRangeException(nameof(rows)),
        };
        var schema = new GraphQL.Types.Schema { Query = new RowsQuery(data) };
        schema.RegisterType(new RowGraphType());
        schema.Initialize();

        var (expected, _) = await RunAsync(schema, SerialExecutionStrategy.Instance, query);
        var (answer, list) = await RunAsync(schema, new QueryExecutionStrategy(), query);

        Assert.Equal(expected, answer);
        Assert.Equal(written, list is { Items: null, SerializedResult: not null });
    }

    private static async Task<(string Json, ArrayExecutionNode? List)> RunAsync(ISchema schema, IExecutionStrategy strategy, string query)
    {
        var executer = new DocumentExecuter(new GraphQLDocumentBuilder(), new DocumentValidator(),
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(strategy, OperationType.Query)]), []);
        var result = await executer.ExecuteAsync(new ExecutionOptions { Schema = schema, Query = query });
        var list = (result.Data as ObjectExecutionNode)?.SubFields?.FirstOrDefault() as ArrayExecutionNode;
        return (Serialized(result), list);
    }

    private static ExecutionNode? Node(ExecutionResult result, params string[] path) =>
        path.Aggregate((ExecutionNode?)result.Data, (node, name) => (node as ObjectExecutionNode)?.SubFields?.FirstOrDefault(f => f.Name == name));
}
