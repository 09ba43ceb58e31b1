using ElectionGraph.Storage.Mongo;
using MongoDB.Driver;

namespace ElectionGraph.Tests.Support;

/// <summary>The API on a store that records, as MQL, what MongoDB would be asked for each operation.</summary>
public sealed class MongoPipelines : IDisposable
{
    private readonly TempDirectory _unused = new();
    private readonly CapturingStore _store = new(new MongoStore(
        new MongoClient("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100&connectTimeoutMS=100").GetDatabase("offline")));
    private readonly ApiFactory _api;

    public MongoPipelines() => _api = new ApiFactory(_unused.Path, _store);

    /// <summary>Runs a GraphQL operation and returns the pipelines it issued, in order.</summary>
    public async Task<IReadOnlyList<string>> Of(string query, object? variables = null)
    {
        _store.Pipelines.Clear();
        await _api.QueryAsync(query, variables);
        return _store.Pipelines.ToList();
    }

    public void Dispose()
    {
        _api.Dispose();
        _unused.Dispose();
    }
}
