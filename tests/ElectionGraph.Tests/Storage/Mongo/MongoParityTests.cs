using System.Text.RegularExpressions;
using ElectionGraph.Tests.Conventions;
using ElectionGraph.Tests.Support;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Mongo;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;

namespace ElectionGraph.Tests.Storage.Mongo;

/// <summary>
/// The API on MongoDB answers exactly as on the embedded store: every partner example, every filter operator
/// family, sorts and keyset paging both ways, and every aggregate, run against both. The Mongo adapter runs on
/// mingo-mongod always (its pipelines executed by mingo, an independent MQL engine: <see cref="MingoMongod"/>), and
/// on a real MongoDB as well when ELECTIONGRAPH_TEST_MONGO names one. Each case is one test, named by what it runs.
/// </summary>
public sealed class MongoParityTests(MongoParityTests.Apis apis) : IClassFixture<MongoParityTests.Apis>
{
    private const string Election = Seed.Election;

    /// <summary>One embedded and one Mongo-backed API per server, each seeded at start from seed/.</summary>
    public sealed class Apis : IAsyncLifetime
    {
        private static readonly string? Real = Environment.GetEnvironmentVariable("ELECTIONGRAPH_TEST_MONGO");
        private readonly TempDirectory _data = new();
        private readonly string _database = $"electiongraph-parity-{Guid.NewGuid():N}";

        public ApiFactory Embedded { get; private set; } = null!;
        public ApiFactory Mingo { get; private set; } = null!;
        public ApiFactory? MongoDB { get; private set; }

        public async Task InitializeAsync()
        {
            Embedded = new ApiFactory(_data["embedded"]);
            Mingo = OnMongo(await MingoMongod.ConnectionStringAsync());
            if (Real is not null) MongoDB = OnMongo(Real);
            Assert.IsType<MongoStore>(Mingo.Services.GetRequiredService<IDocumentStore>()); // not the embedded store by mistake
        }

        private ApiFactory OnMongo(string connectionString) => new(_data[Guid.NewGuid().ToString("N")], settings: new Dictionary<string, string>
        {
            ["ElectionGraph:Store"] = "Mongo",
            ["ElectionGraph:Mongo:ConnectionString"] = connectionString,
            ["ElectionGraph:Mongo:Database"] = _database,
            // What is compared is the answer, not its speed: mingo (one Node thread) unwinding the candidates on a
            // machine loaded beside the suite can take longer than the API's 5 s limit.
            ["ElectionGraph:Limits:OperationTimeoutSeconds"] = "120",
        });

        public async Task DisposeAsync()
        {
            Embedded.Dispose();
            Mingo.Dispose();
            MongoDB?.Dispose();
            if (Real is not null) await new MongoClient(Real).DropDatabaseAsync(_database);
            _data.Dispose();
        }
    }

    /// <summary>Each case by name: a GraphQL operation, or a list walked page by page ("walk: size, direction, arguments").</summary>
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var file in PartnerExamples.Queries)
        {
            cases.Add($"example {file}", PartnerExamples.Text(file));
        }

        foreach (var filter in FilterCase.All)
            cases.Add($"filter {filter.Where}", $$"""{ councilResults(electionId: "{{Election}}", where: {{filter.Where}}, first: 500) { totalCount nodes { id } } }""");
        cases.Add("filter on lists, nested objects and enums (mayoralties, seat changes, councils)", $$"""
            {
              mayoralties(electionId: "{{Election}}", where: { winner: { partyCode: { eq: "LAB" } }, candidates: { some: { secondRound: { neq: null } } } }) { nodes { id } }
              seatChanges(electionId: "{{Election}}", where: { partyCode: { eq: "GRN" }, change: { gte: 5 }, council: { nation: { eq: ENGLAND } } }, first: 500) { nodes { id } }
              councils(where: { code: { startsWith: "N09" } }, first: 500) { nodes { code } }
              none: councilResults(electionId: "{{Election}}", where: { seats: { none: { partyCode: { eq: "CON" } } } }, first: 500) { nodes { id } }
              all: councilResults(electionId: "{{Election}}", where: { seats: { all: { won: { gt: 0 } } } }, first: 500) { nodes { id } }
              any: councilResults(electionId: "{{Election}}", where: { seats: { any: false } }, first: 500) { nodes { id } }
            }
            """);
        cases.Add("filter on decimals (Decimal128 in MongoDB)", $$"""
            {
              councilResults(electionId: "{{Election}}", where: { turnout: { gt: 9.5, lt: 100 } }, first: 500) { totalCount nodes { id turnout } }
              exactly: councilResults(electionId: "{{Election}}", where: { turnout: { in: [43.80, 62.4, 7] } }, first: 500) { totalCount nodes { id turnout } }
              mayoralties(electionId: "{{Election}}", where: { turnout: { gte: 5, lte: 31.71 } }) { nodes { id turnout } }
            }
            """);
        cases.Add("filter on dates", $$"""
            {
              councilResults(electionId: "{{Election}}", where: { declaredAt: { lt: "2019-05-03T12:00:00+01:00" } }, first: 500) { nodes { id declaredAt } }
              elections(where: { date: { gt: "2019-01-01" } }) { nodes { id } }
            }
            """);

        // Sorts, with keys that are missing in some documents, by code point, nested, and the id tie-breaker.
        foreach (var (arguments, size) in new[]
        {
            ("""order: [{ council: { region: ASC } }, { seatsUp: DESC }]""", 37),
            ("""order: [{ turnout: DESC }]""", 4),
            ("""order: [{ control: { before: ASC } }]""", 20),
            ("""order: [{ control: { before: DESC } }, { council: { name: DESC } }]""", 25),
            ("""where: { council: { name: { startsWith: "K" } } }, order: [{ council: { name: ASC } }]""", 1),
        })
        {
            cases.Add($"walk: councilResults {size} forward, {arguments}", Walk("councilResults", arguments, size, backward: false));
            cases.Add($"walk: councilResults {size} backward, {arguments}", Walk("councilResults", arguments, size, backward: true));
        }

        cases.Add("walk: mayoralties 2 backward, turnout DESC", Walk("mayoralties", "order: [{ turnout: DESC }]", 2, backward: true));
        cases.Add("walk: seatChanges 40 forward, change DESC", Walk("seatChanges", """where: { change: { neq: 0 } }, order: [{ change: DESC }, { partyCode: ASC }]""", 40, backward: false));
        cases.Add("walk: mayoral candidates 5 forward, votes DESC", Walk("mayoralCandidates", "order: [{ firstRound: DESC }]", 5, backward: false));

        cases.Add("walk: ballots 250 forward, majority ASC (uncontested last)", Walk("ballots", "order: [{ majority: ASC }]", 250, backward: false));
        cases.Add("walk: ballots 300 backward, by region and majority share", Walk("ballots", "order: [{ council: { region: ASC } }, { majorityShare: DESC }]", 300, backward: true));
        cases.Add("walk: candidates 400 forward, Greens by share", Walk("candidates", """where: { partyCode: { eq: "GRN" } }, order: [{ share: DESC }]""", 400, backward: false));
        cases.Add("ballots: filters on candidates, wards and stored figures; a results page's ballots", $$"""
            {
              sweeps: ballots(electionId: "{{Election}}", where: { seatsContested: { gt: 1 }, candidates: { none: { elected: { eq: true }, partyCode: { neq: "LD" } } } }, first: 500) { totalCount nodes { id } }
              tied: ballots(electionId: "{{Election}}", where: { majority: { eq: 0 } }) { nodes { id totalVotes majorityShare candidates { name votes share elected } } }
              wards: ballots(electionId: "{{Election}}", where: { ward: { code: { eq: null } } }, first: 500) { totalCount nodes { id ward { name code } } }
              councilResults(electionId: "{{Election}}", where: { council: { name: { startsWith: "B" } } }, first: 5) { nodes { id ballots { id seatsContested uncontested } tally { wardsDeclared seatsDeclared seatsToCome parties { partyCode seatsWon } } } }
              councils(where: { code: { startsWith: "E07" } }, first: 5) { nodes { code tally(electionId: "{{Election}}") { seatsDeclared complete parties { partyCode seatsWon } } } }
            }
            """);
        cases.Add("page: councils, fifty by default, counted", """{ councils { totalCount nodes { code name } edges { cursor } pageInfo { hasNextPage endCursor } } }""");

        // Aggregates, as the aggregate tests ask for them.
        cases.Add("aggregate partyTotals", $$"""{ partyTotals(electionId: "{{Election}}") { partyCode seatsWon seatsChange councilsControlled councilsGained councilsLost councilsChange coverage { councils seatsComplete changeReported } } }""");
        cases.Add("aggregate partyTotals filtered", $$"""{ partyTotals(electionId: "{{Election}}", where: { council: { region: { eq: "South West" } }, cycle: { eq: ALL_OUT } }) { partyCode seatsWon } }""");
        cases.Add("aggregate controlTransitions", $$"""{ controlTransitions(electionId: "{{Election}}") { from to count councils { code name } } }""");
        cases.Add("aggregate controlTransitions with unchanged", $$"""{ controlTransitions(electionId: "{{Election}}", includeUnchanged: true) { from to count councils { code } } }""");
        cases.Add("aggregate seatSummary by region and party", $$"""{ seatSummary(electionId: "{{Election}}", groupBy: [REGION, PARTY]) { region partyCode councilType nation controlAfter seatsWon seatsChange councils coverage { councils seatsComplete changeReported } } }""");
        cases.Add("aggregate seatSummary by nation, type and control", $$"""
            {
              byKind: seatSummary(electionId: "{{Election}}", groupBy: [NATION, COUNCIL_TYPE, CONTROL_AFTER]) { nation councilType controlAfter seatsWon seatsChange councils coverage { seatsComplete changeReported complete } }
              all: seatSummary(electionId: "{{Election}}") { seatsWon councils coverage { councils seatsComplete } }
            }
            """);
        cases.Add("aggregate voteTotals by party, and by nation and council type", $$"""
            {
              voteTotals(electionId: "{{Election}}", groupBy: [PARTY]) { partyCode votes share candidates seatsWon seatsWonUnopposed coverage { ballots contested uncontested uncontestedSeats votes } }
              byKind: voteTotals(electionId: "{{Election}}", groupBy: [NATION, COUNCIL_TYPE]) { nation councilType votes share candidates seatsWon coverage { ballots votes } }
            }
            """);
        cases.Add("aggregate voteTotals by council and party, filtered", $$"""{ voteTotals(electionId: "{{Election}}", where: { council: { region: { eq: "South West" } }, uncontested: { eq: false } }, groupBy: [COUNCIL, PARTY]) { councilCode council { name } partyCode votes share seatsWon coverage { contested votes } } }""");
        cases.Add("aggregate mayoralSummary", $$"""{ mayoralSummary(electionId: "{{Election}}") { mayoralties declared holds gains newPosts byParty { partyCode party { shortName } won holds gains newPosts } } }""");
        cases.Add("lookups by id and node", $$"""
            {
              election(id: "{{Election}}") { name } party(code: "LD") { name } council(code: "E07000170") { name results { id } }
              nodes(ids: ["council:E07000170", "{{Election}}", "party:LD", "party:LAB", "mayor.bedford.2019-05-02"]) { id }
            }
            """);
        return cases;
    }

    private static string Walk(string list, string arguments, int size, bool backward) => $"walk: {list}|{arguments}|{size}|{backward}";

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Mingo_answers_as_the_embedded_store_does(string name, string operation)
    {
        Assert.Equal(await AnswerAsync(apis.Embedded, operation), await AnswerAsync(apis.Mingo, operation));
        Assert.NotEmpty(name);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task MongoDB_answers_as_the_embedded_store_does(string name, string operation)
    {
        Skip.If(apis.MongoDB is null, "ELECTIONGRAPH_TEST_MONGO is not set: no MongoDB server to test against.");
        Assert.Equal(await AnswerAsync(apis.Embedded, operation), await AnswerAsync(apis.MongoDB!, operation));
        Assert.NotEmpty(name);
    }

    /// <summary>The answer as text, store times blanked (they differ between two seeded stores; nothing else may).</summary>
    private static async Task<string> AnswerAsync(ApiFactory api, string operation)
    {
        if (!operation.StartsWith("walk: ")) return WithoutStamps((await api.QueryAsync(operation)).GetRawText());
        var parts = operation["walk: ".Length..].Split('|');
        return string.Join("\n", await WalkAsync(api, parts[0], parts[1], int.Parse(parts[2]), bool.Parse(parts[3])));
    }

    /// <summary>Every page of a list, forwards (first/after) or backwards (last/before), each as its ids and page info.</summary>
    private static async Task<List<string>> WalkAsync(ApiFactory api, string list, string arguments, int size, bool backward)
    {
        var pages = new List<string>();
        string? cursor = null;
        while (pages.Count < 300)
        {
            var paging = backward
                ? $"last: {size}" + (cursor is null ? "" : $", before: \"{cursor}\"")
                : $"first: {size}" + (cursor is null ? "" : $", after: \"{cursor}\"");
            var page = (await api.QueryAsync($$"""
                { {{list}}(electionId: "{{Election}}", {{arguments}}, {{paging}}) { totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
                """)).GetProperty(list);
            pages.Add(page.GetRawText());
            var info = page.GetProperty("pageInfo");
            if (!info.GetProperty(backward ? "hasPreviousPage" : "hasNextPage").GetBoolean()) return pages;
            cursor = info.GetProperty(backward ? "startCursor" : "endCursor").GetString();
        }

        throw new InvalidOperationException("The pages never ended.");
    }

    private static string WithoutStamps(string json) => Regex.Replace(json, "\"updatedAt\":\"[^\"]*\"", "\"updatedAt\":\"…\"");
}
