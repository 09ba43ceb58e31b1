using System.Net;
using System.Text;
using System.Text.Json;
using ElectionGraph.Api.Transport;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Transport;

/// <summary>Persisted operations: registered ones by id or hash, automatic ones (APQ), and the allow-list mode.</summary>
public sealed class PersistedQueryTests : IDisposable
{
    private static readonly string Examples = Repo.File("schema/examples");
    private static readonly string LabourLoss = File.ReadAllText(Path.Combine(Examples, "labour-biggest-loss.graphql"));
    private readonly TempDirectory _data = new();

    private ApiFactory Api(bool allowListOnly = false, int maxEntries = 10_000) => new(_data.Path, settings: new Dictionary<string, string>
    {
        ["ElectionGraph:Http:PersistedQueries:Directory"] = Examples,
        ["ElectionGraph:Http:PersistedQueries:AllowListOnly"] = allowListOnly.ToString(),
        ["ElectionGraph:Http:PersistedQueries:MaxEntries"] = maxEntries.ToString(),
    });

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Post(ApiFactory api, object body)
    {
        using var client = api.CreateClient();
        using var response = await client.PostAsync("/graphql", new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static object Apq(string hash, string? query = null) =>
        new { query, extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } } };

    private static string? Code(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;

    private static string? Council(JsonElement body) =>
        body.GetProperty("data").GetProperty("seatChanges").GetProperty("nodes")[0].GetProperty("council").GetProperty("name").GetString();

    [Fact]
    public async Task Registered_operations_run_by_file_name_or_hash_in_every_id_form()
    {
        using var api = Api();
        var hash = PersistedQueries.Hash(LabourLoss);

        foreach (var body in new object[]
                 {
                     new { documentId = "labour-biggest-loss" }, new { documentId = $"sha256:{hash}" }, new { id = hash }, new { doc_id = hash }, Apq(hash),
                 })
        {
            var (status, answer) = await Post(api, body);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Ashfield", Council(answer));
        }

        var (missing, error) = await Post(api, new { documentId = "no-such-operation" });
        Assert.Equal((HttpStatusCode.BadRequest, "DOCUMENT_NOT_FOUND"), (missing, Code(error)));
    }

    [Fact]
    public async Task Automatic_persisted_queries_verify_the_hash_before_remembering_it()
    {
        using var api = Api();
        const string query = "{ party(code: \"GRN\") { shortName } }";
        var hash = PersistedQueries.Hash(query);

        var (wrongStatus, wrong) = await Post(api, Apq(PersistedQueries.Hash("{ something else }"), query));
        var (_, unknown) = await Post(api, Apq(hash));

        Assert.Equal((HttpStatusCode.BadRequest, "PERSISTED_QUERY_HASH_MISMATCH"), (wrongStatus, Code(wrong)));
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", Code(unknown)); // the wrong text was not remembered under any hash
    }

    [Fact]
    public async Task The_automatic_cache_is_bounded()
    {
        using var api = Api(maxEntries: 10);
        var queries = Enumerable.Range(1, 40).Select(i => $"{{ party(code: \"P{i}\") {{ code }} }}").ToList();
        foreach (var query in queries) await Post(api, Apq(PersistedQueries.Hash(query), query));

        var remembered = 0;
        foreach (var query in queries)
        {
            if (Code((await Post(api, Apq(PersistedQueries.Hash(query)))).Body) is null) remembered++;
        }

        Assert.InRange(remembered, 1, 10);
    }

    [Fact]
    public async Task In_allow_list_mode_only_registered_operations_run()
    {
        using var api = Api(allowListOnly: true);
        const string other = "{ elections { totalCount } }";

        var (textStatus, text) = await Post(api, new { query = other });
        var (registerStatus, register) = await Post(api, Apq(PersistedQueries.Hash(other), other));
        var (registeredStatus, registered) = await Post(api, new { query = LabourLoss });
        var (byIdStatus, byId) = await Post(api, new { documentId = "labour-biggest-loss" });

        Assert.Equal((HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED"), (textStatus, Code(text)));
        Assert.Equal((HttpStatusCode.Forbidden, "OPERATION_NOT_ALLOWED"), (registerStatus, Code(register)));
        Assert.Equal((HttpStatusCode.OK, "Ashfield"), (registeredStatus, Council(registered)));
        Assert.Equal((HttpStatusCode.OK, "Ashfield"), (byIdStatus, Council(byId)));
    }

    public void Dispose() => _data.Dispose();
}
