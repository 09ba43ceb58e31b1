using System.Collections.Concurrent;
using System.Text.Json;
using ElectionGraph.Domain;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ElectionGraph.Tests.Transport;

/// <summary>When the store fails: the partner gets a coded error without internals; the logs get the exception and the request id.</summary>
public sealed class FailureTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly Logs _logs = new();

    [Fact]
    public async Task A_failing_resolver_is_a_coded_error_for_the_partner_and_a_logged_exception_with_the_request_id()
    {
        using var api = new ApiFactory(_data.Path, new BrokenStore(), new Dictionary<string, string> { ["environment"] = "Production" })
            .WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(_logs)));
        using var client = api.CreateClient();

        using var response = await client.PostAsync("/graphql", new StringContent("""{"query":"{ elections { totalCount } }"}""", System.Text.Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        var error = JsonDocument.Parse(body).RootElement.GetProperty("errors")[0];
        Assert.False(string.IsNullOrEmpty(error.GetProperty("extensions").GetProperty("code").GetString()));
        Assert.DoesNotContain("disk on fire", body);
        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Contains(_logs.Entries, e => e.Exception?.Message == "disk on fire" && e.Scopes.Contains(requestId));
    }

    [Fact]
    public async Task A_store_out_of_reach_is_STORE_UNAVAILABLE_for_every_field_it_breaks_and_logged_once_with_the_request_id()
    {
        await using var store = new OutageStore(EmbeddedStore.Open(_data["store"]));
        using var api = new ApiFactory(_data["api"], store, new Dictionary<string, string> { ["environment"] = "Production" })
            .WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(_logs)));
        using var client = api.CreateClient();
        store.GoDown();

        using var response = await client.PostAsync("/graphql", new StringContent(
            """{"query":"{ a: councils { totalCount } b: parties { totalCount } c: elections { totalCount } }"}""", System.Text.Encoding.UTF8, "application/json"));

        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["STORE_UNAVAILABLE", "STORE_UNAVAILABLE", "STORE_UNAVAILABLE"], errors.Select(e => e.GetProperty("extensions").GetProperty("code").GetString()));
        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Single(_logs.Entries, e => e.Exception is StoreUnavailableException && e.Scopes.Contains(requestId));
    }

    public void Dispose() => _data.Dispose();

    private sealed class BrokenStore : IDocumentStore
    {
        public IDocumentCollection<T> Collection<T>() where T : class, IDocument => throw new InvalidOperationException("disk on fire");
        public Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) => Task.FromResult(false);
        public Task PingAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<ImportSummary> ImportAsync(IReadOnlyList<IDocument> documents, IProgress<int>? written = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Captures log entries with the values of their scopes.</summary>
    private sealed class Logs : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentBag<(Exception? Exception, List<string> Scopes)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose() { }

        private sealed class Logger(Logs logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logs._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<string>();
                logs._scopes.ForEachScope((scope, list) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object>> pairs) list.AddRange(pairs.Select(p => $"{p.Value}"));
                }, scopes);
                logs.Entries.Add((exception, scopes));
            }
        }
    }
}
