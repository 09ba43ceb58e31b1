using System.Text.Json;
using ElectionGraph.Api.Schema;
using ElectionGraph.Domain;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Storage.Seeding;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Benchmarks;

/// <summary>
/// The real 2019 results in an embedded store of its own (a temp folder), and the API's GraphQL schema
/// over it, executed as the endpoint does: one DI scope a request, the result serialized.
/// </summary>
public sealed class ElectionData : IAsyncDisposable
{
    public const string ElectionId = "local.2019-05-02";

    private readonly string _directory;
    private readonly ServiceProvider _services;
    private readonly IDocumentExecuter<ISchema> _executer;
    private readonly IGraphQLTextSerializer _serializer;

    private ElectionData(string directory, EmbeddedStore store)
    {
        _directory = directory;
        Store = store;
        _services = new ServiceCollection()
            .AddSingleton<IDocumentStore>(store)
            .AddLogging()
            .AddElectionGraphSchema()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _executer = _services.GetRequiredService<IDocumentExecuter<ISchema>>();
        _serializer = _services.GetRequiredService<IGraphQLTextSerializer>();
    }

    public EmbeddedStore Store { get; }

    /// <summary>
    /// Reads and validates the seed, and imports it (or the part of it <paramref name="documents"/> chooses: a moment
    /// of results night) into a fresh store in a temp folder.
    /// </summary>
    public static async Task<ElectionData> LoadAsync(Func<SeedData, IReadOnlyList<IDocument>>? documents = null)
    {
        var seed = SeedReader.Read(SeedDirectory());
        var imported = documents?.Invoke(seed) ?? seed.Documents;
        var directory = Path.Combine(Path.GetTempPath(), "electiongraph-bench-" + Guid.NewGuid().ToString("N"));
        var store = EmbeddedStore.Open(directory);
        try
        {
            var summary = await store.ImportAsync(imported);
            if (summary.Inserted != imported.Count)
                throw new InvalidOperationException($"Expected {imported.Count} documents inserted, got {summary}.");
            return new ElectionData(directory, store);
        }
        catch
        {
            await store.DisposeAsync();
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Executes <paramref name="query"/> like <c>POST /graphql</c>: a request scope, then the JSON written (here to nowhere).</summary>
    public async Task<ExecutionResult> ExecuteAsync(string query, CancellationToken cancellationToken = default)
    {
        await using var scope = _services.CreateAsyncScope();
        var result = await _executer.ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            RequestServices = scope.ServiceProvider,
            CancellationToken = cancellationToken,
        });
        await _serializer.WriteAsync(Stream.Null, result, cancellationToken);
        return result;
    }

    /// <summary>
    /// Executes <paramref name="query"/> once and returns its <c>data</c>; throws on any error, or when
    /// <paramref name="check"/> finds the data wrong, so a broken query is never timed.
    /// </summary>
    public async Task<JsonElement> ExecuteCheckedAsync(string query, Func<JsonElement, string?> check)
    {
        var result = await ExecuteAsync(query);
        var json = JsonDocument.Parse(_serializer.Serialize(result)).RootElement;
        if (result.Errors is { Count: > 0 } || json.TryGetProperty("errors", out _))
            throw new InvalidOperationException($"The benchmark query failed:\n{query}\n{json}");
        if (!json.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"The benchmark query returned no data:\n{query}\n{json}");
        if (check(data) is { } problem)
            throw new InvalidOperationException($"The benchmark query returned unexpected data ({problem}):\n{query}\n{json}");
        return data;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Store.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The seed copied beside the binaries (with the API's build), else the repository's <c>seed/</c>.</summary>
    private static string SeedDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "seed");
        if (File.Exists(Path.Combine(beside, "council-results.csv"))) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var seed = Path.Combine(dir.FullName, "seed");
            if (File.Exists(Path.Combine(dir.FullName, "ElectionGraph.sln")) && Directory.Exists(seed)) return seed;
        }

        throw new DirectoryNotFoundException("No seed/ beside " + AppContext.BaseDirectory + " nor in a repository above it.");
    }
}
