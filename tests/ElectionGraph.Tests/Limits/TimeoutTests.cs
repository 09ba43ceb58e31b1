using System.Net.Http.Json;
using System.Text.Json;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;
using GraphQL;
using GraphQL.DI;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Limits;

/// <summary>An operation past its time is stopped: its token, cancelled at the deadline, reaches the store's queries.</summary>
public sealed class TimeoutTests : IAsyncDisposable
{
    private readonly TempDirectory _data = new();
    private readonly Witness _witness = new();
    private readonly StuckStore _store;

    public TimeoutTests() => _store = new StuckStore(EmbeddedStore.Open(_data["store"]), _witness);

    [Fact]
    public async Task An_operation_past_the_time_limit_is_stopped_at_its_deadline_store_queries_included()
    {
        using var api = new ApiFactory(_data["api"], _store, new Dictionary<string, string> { ["ElectionGraph:Limits:OperationTimeoutSeconds"] = "0.5" })
            .WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<IConfigureExecution>(_witness)));
        using var client = api.CreateClient();

        using var response = await client.PostAsJsonAsync("/graphql", new { query = """{ councilResults(electionId: "local.2019-05-02") { totalCount } }""" });
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(answer.TryGetProperty("data", out _), answer.ToString());
        Assert.Equal(["OPERATION_TIMEOUT"], EveryTransport.Codes(answer.GetProperty("errors")));
        Assert.True(_store.SawItsDeadlinePass);
        Assert.False(_store.Ran);
        using var normal = await client.PostAsJsonAsync("/graphql", new { query = "{ elections { totalCount } }" });
        Assert.Equal(1, (await normal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("elections").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_declaration_is_not_stopped_at_the_time_limit_so_one_stored_late_is_answered_as_stored()
    {
        await using var store = new SlowWrites(EmbeddedStore.Open(_data["slow"]), TimeSpan.FromSeconds(1.5));
        using var api = new ApiFactory(_data["slow-api"], store,
            new Dictionary<string, string>(ResultsDesk.PollingDay) { ["ElectionGraph:Limits:OperationTimeoutSeconds"] = "0.5" });

        var answer = await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(ResultsDesk.Declarable[0], "late") });

        Assert.False(answer.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.Equal(1, answer.GetProperty("data").GetProperty("declareCouncilResult").GetProperty("version").GetInt32());
    }

    /// <summary>Writes that take longer than the time limit (a store under a burst of declarations).</summary>
    private sealed class SlowWrites(IDocumentStore inner, TimeSpan delay) : StoreDecorator(inner)
    {
        protected override async Task<T> UpsertAsync<T>(IDocumentCollection<T> collection, T document, long expectedVersion, CancellationToken cancellationToken)
        {
            var stored = await collection.UpsertAsync(document, expectedVersion, cancellationToken);
            await Task.Delay(delay, CancellationToken.None); // stored, then slow to come back
            return stored;
        }
    }

    /// <summary>Sees the token an operation runs with, as its resolvers (and the store queries they make) see it.</summary>
    private sealed class Witness : IConfigureExecution
    {
        private readonly AsyncLocal<CancellationToken?> _operation = new();

        /// <summary>The token of the operation running in this flow; null outside operations (the host's own queries).</summary>
        public CancellationToken? Operation => _operation.Value;

        /// <summary>Inside every step of the API's (the time limit's is 400).</summary>
        public float SortOrder => 500;

        public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
        {
            _operation.Value = options.CancellationToken;
            return next(options);
        }
    }

    /// <summary>
    /// Within an operation, a query of council results takes until the operation's deadline to be made (a
    /// store that hangs), and notes whether it is then run.
    /// </summary>
    private sealed class StuckStore(IDocumentStore inner, Witness witness) : StoreDecorator(inner)
    {
        private int _rows;

        public bool SawItsDeadlinePass { get; private set; }

        public bool Ran => Volatile.Read(ref _rows) > 0;

        protected override IQueryable<T> Query<T>(IDocumentCollection<T> collection)
        {
            if (typeof(T) != typeof(CouncilResult) || witness.Operation is not { } operation) return collection.Query();
            SawItsDeadlinePass = operation.WaitHandle.WaitOne(Eventually.Limit);
            return collection.Query().Where(_ => Read());
        }

        private bool Read() => Interlocked.Increment(ref _rows) > 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _data.Dispose();
    }
}
