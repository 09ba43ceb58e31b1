using ElectionGraph.Domain;
using ElectionGraph.Storage.Mongo;
using MongoDB.Driver;

namespace ElectionGraph.Tests.Support;

/// <summary>The API on a store that records, as MQL, what MongoDB would be asked for each operation.</summary>
public sealed class MongoPipelines : IDisposable
{
    /// <summary>A Mongo store pointed at an address nothing listens on: its queries render their MQL with no server.</summary>
    private static readonly MongoStore Offline = new(
        new MongoClient("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100&connectTimeoutMS=100").GetDatabase("offline"));

    private readonly TempDirectory _unused = new();
    private readonly CapturingStore _store = new(Offline);
    private readonly ApiFactory _api;

    public MongoPipelines()
    {
        _api = new ApiFactory(_unused.Path, _store);
        _ = _api.Server; // started, so what the API reads at start (its keys) is not taken for an operation's pipelines
    }

    /// <summary>The offline store's queryable, for queries the API builds outside a GraphQL operation.</summary>
    public static IQueryable<T> Query<T>() where T : class, IDocument => Offline.Collection<T>().Query();

    /// <summary>Runs a GraphQL operation and returns the pipelines it issued, in order.</summary>
    public async Task<IReadOnlyList<string>> Of(string query, object? variables = null)
    {
        _store.Pipelines.Clear();
        await _api.QueryAsync(query, variables);
        return Issued();
    }

    /// <summary>Downloads a list (a URL under /downloads) and returns the pipelines it issued, in order.</summary>
    public async Task<IReadOnlyList<string>> OfDownload(string url)
    {
        _store.Pipelines.Clear();
        using var client = _api.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return Issued();
    }

    /// <summary>What was issued, less the webhook sender's polls for deliveries due, which run beside every operation.</summary>
    private List<string> Issued() => [.. _store.Pipelines.Where(p => !p.StartsWith("offline.webhookDeliveries.", StringComparison.Ordinal))];

    public void Dispose()
    {
        _api.Dispose();
        _unused.Dispose();
    }
}
