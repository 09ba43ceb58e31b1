using System.Text.RegularExpressions;
using ElectionGraph.Tests.Support;
using MongoDB.Driver;

namespace ElectionGraph.Tests.Storage.Mongo;

/// <summary>
/// The API on MongoDB answers exactly as on the embedded store: every partner example and the filter,
/// paging and aggregation cases, run against both. Runs when ELECTIONGRAPH_TEST_MONGO names a server.
/// </summary>
public sealed class MongoParityTests : IDisposable
{
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable("ELECTIONGRAPH_TEST_MONGO");
    private readonly string _database = $"electiongraph-parity-{Guid.NewGuid():N}";
    private readonly TempDirectory _data = new();

    public static TheoryData<string> Operations()
    {
        var operations = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repo.File("schema/examples"), "*.graphql").Order(StringComparer.Ordinal))
        {
            if (!file.EndsWith("poll-for-changes.graphql")) operations.Add(File.ReadAllText(file));
        }

        operations.Add("""{ councilResults(electionId: "local.2019-05-02", where: { council: { name: { startsWith: "K" } } }, order: [{ council: { name: ASC } }], first: 3) { nodes { id } pageInfo { endCursor } } }""");
        operations.Add("""{ mayoralties(electionId: "local.2019-05-02", order: [{ turnout: DESC }], last: 3) { nodes { id turnout } } }""");
        operations.Add("""{ seatSummary(electionId: "local.2019-05-02", groupBy: [NATION, COUNCIL_TYPE, CONTROL_AFTER]) { nation councilType controlAfter seatsWon seatsChange councils coverage { councils seatsComplete changeReported } } }""");
        operations.Add("""{ controlTransitions(electionId: "local.2019-05-02", includeUnchanged: true) { from to count councils { code } } }""");
        return operations;
    }

    [SkippableTheory]
    [MemberData(nameof(Operations))]
    public async Task MongoDB_answers_as_the_embedded_store_does(string operation)
    {
        Skip.If(ConnectionString is null, "ELECTIONGRAPH_TEST_MONGO is not set: no MongoDB server to test against.");
        using var embedded = new ApiFactory(_data["embedded"]);
        using var mongo = new ApiFactory(_data["unused"], settings: new Dictionary<string, string>
        {
            ["ElectionGraph:Store"] = "Mongo",
            ["ElectionGraph:Mongo:ConnectionString"] = ConnectionString!,
            ["ElectionGraph:Mongo:Database"] = _database,
        });

        Assert.Equal(WithoutStamps((await embedded.QueryAsync(operation)).GetRawText()), WithoutStamps((await mongo.QueryAsync(operation)).GetRawText()));
    }

    /// <summary>Store times differ between the two seeded stores; everything else must not.</summary>
    private static string WithoutStamps(string json) => Regex.Replace(json, "\"updatedAt\":\"[^\"]*\"", "\"updatedAt\":\"…\"");

    public void Dispose()
    {
        if (ConnectionString is not null) new MongoClient(ConnectionString).DropDatabase(_database);
        _data.Dispose();
    }
}
