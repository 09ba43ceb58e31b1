using System.Collections.ObjectModel;
using System.Diagnostics;
using ElectionGraph.Api.Telemetry;
using ElectionGraph.Api.Transport;
using System.Net.Http.Json;
using ElectionGraph.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace ElectionGraph.Tests.Telemetry;

/// <summary>
/// The spans of a query, a mutation and a delivery, caught by OpenTelemetry's in-memory exporter: their attributes,
/// their store spans, and the link that leads from a declaration to the delivery of it.
/// </summary>
public sealed class TracingTests : IDisposable
{
    private const string Query = """query TracedQuery { councils(first: 2) { nodes { code } } }""";

    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_query_a_declaration_and_its_delivery_are_traced_and_the_delivery_links_to_the_declaration()
    {
        var spans = new ExportedSpans();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(Spans.Sources).AddInMemoryExporter(spans).Build();
        using var api = new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay);
        await using var socket = await GraphQLSocket.ReadyAsync(api);
        await socket.SubscribedAsync("s", Subscribed.Declarations);

        await api.QueryAsync(Query);
        // Named for this test: other tests' APIs declare at the same time, and their spans reach this list too.
        var declare = ResultsDesk.Declare.Replace("mutation Declare", "mutation TracedDeclare");
        var declared = await new ResultsDesk(api).SendAsync(declare, new { input = ResultsDesk.Input(ResultsDesk.Declarable[0], "d-1") });
        Assert.False(declared.TryGetProperty("errors", out var errors), errors.ToString());
        await socket.ReceiveAsync();

        var mutation = await SpanAsync(spans, span => Tag(span, "graphql.operation.name") == "TracedDeclare");
        var delivery = await SpanAsync(spans, span => span.DisplayName == "deliver councilResultDeclared" && span.Links.Any(l => l.Context.TraceId == mutation.TraceId));
        var query = await SpanAsync(spans, span => Tag(span, "graphql.operation.name") == "TracedQuery");

        Assert.Equal(("query", PersistedQueries.Hash(Query), null), (Tag(query, "graphql.operation.type"), Tag(query, "graphql.document.hash"), Tag(query, "graphql.document")));
        var http = Assert.Single(spans.Snapshot(), s => s.TraceId == query.TraceId && s.SpanId == query.ParentSpanId && s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal((ActivityKind.Server, "POST /graphql", "POST", "/graphql", "http", "/graphql", "200"),
            (http.Kind, http.DisplayName, Tag(http, "http.request.method"), Tag(http, "http.route"), Tag(http, "url.scheme"), Tag(http, "url.path"), Tag(http, "http.response.status_code")));
        Assert.Contains(spans.Snapshot(), s => s.TraceId == query.TraceId && s.DisplayName == "find councils"
            && (Tag(s, "db.collection.name"), Tag(s, "db.operation.name"), Tag(s, "db.system.name")) == ("councils", "find", "embedded"));
        Assert.Equal("mutation", Tag(mutation, "graphql.operation.type"));
        Assert.Contains(spans.Snapshot(), s => s.TraceId == mutation.TraceId && s.DisplayName == "upsert councilResults");
        Assert.NotEqual(mutation.TraceId, delivery.TraceId); // a trace of its own, linked
        Assert.Equal((ActivityKind.Producer, "1", ResultsDesk.Declarable[0].Id), (delivery.Kind, Tag(delivery, "electiongraph.subscribers"), Tag(delivery, "electiongraph.document.id")));
    }

    [Fact]
    public async Task On_MongoDB_the_store_span_holds_the_driver_s_own_span_of_the_command()
    {
        var spans = new ExportedSpans();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(Spans.Sources).AddInMemoryExporter(spans).Build();
        using var api = new ApiFactory(_data.Path, settings: new Dictionary<string, string>
        {
            ["ElectionGraph:Store"] = "Mongo",
            ["ElectionGraph:Mongo:ConnectionString"] = await MingoMongod.ConnectionStringAsync(),
            ["ElectionGraph:Mongo:Database"] = $"tracing-{Guid.NewGuid():N}",
        });

        await api.QueryAsync(Query);

        var query = await SpanAsync(spans, span => Tag(span, "graphql.operation.name") == "TracedQuery");
        var find = await SpanAsync(spans, span => span.TraceId == query.TraceId && span.DisplayName == "find councils");
        Assert.Equal("mongodb", Tag(find, "db.system.name"));
        await SpanAsync(spans, span => span.TraceId == query.TraceId && span.Source.Name == "MongoDB.Driver" && span.ParentSpanId != default);
    }

    [Fact]
    public async Task The_document_text_is_kept_only_when_configured()
    {
        var spans = new ExportedSpans();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(Spans.Sources).AddInMemoryExporter(spans).Build();
        using var api = new ApiFactory(_data.Path, settings: new Dictionary<string, string> { ["ElectionGraph:Tracing:RecordDocument"] = "true" });

        await api.QueryAsync(Query);

        Assert.Equal(Query, Tag(await SpanAsync(spans, span => Tag(span, "graphql.operation.name") == "TracedQuery"), "graphql.document"));
    }

    [Fact]
    public async Task An_answer_from_the_response_cache_has_its_operation_span_too()
    {
        var spans = new ExportedSpans();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(Spans.Sources).AddInMemoryExporter(spans).Build();
        using var api = new ApiFactory(_data.Path);
        const string cached = "query TracedTwice { councils(first: 1) { nodes { code } } }";

        await api.QueryAsync(cached);
        await api.QueryAsync(cached);

        await Eventually.HoldsAsync(() => spans.Snapshot().Count(s => Tag(s, "graphql.operation.name") == "TracedTwice") == 2, "two operation spans",
            () => string.Join(", ", spans.Snapshot().Select(s => s.DisplayName)));
        Assert.All(spans.Snapshot().Where(s => Tag(s, "graphql.operation.name") == "TracedTwice"), span =>
            Assert.Equal(("query TracedTwice", "query", PersistedQueries.Hash(cached)), (span.DisplayName, Tag(span, "graphql.operation.type"), Tag(span, "graphql.document.hash"))));
    }

    [Fact]
    public async Task A_request_s_span_names_a_method_outside_the_known_ones_other_and_has_no_route_where_none_answered()
    {
        var spans = new ExportedSpans();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(Spans.Sources).AddInMemoryExporter(spans).Build();
        using var api = new ApiFactory(_data.Path);
        var path = $"/traced-{Guid.NewGuid():N}";

        using var response = await api.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod("BREW"), path));

        var span = await SpanAsync(spans, s => Tag(s, "url.path") == path);
        Assert.Equal(("_OTHER", "_OTHER", null, "404"), (span.DisplayName, Tag(span, "http.request.method"), Tag(span, "http.route"), Tag(span, "http.response.status_code")));
    }

    [Fact]
    public async Task A_refused_operation_is_one_log_line_with_its_code_request_id_and_trace_id_and_no_key()
    {
        var spans = new ExportedSpans();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(Spans.Sources).AddInMemoryExporter(spans).Build();
        var logs = new CapturedLogs();
        using var api = new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay);
        using var logged = api.WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(logs)));
        using var client = logged.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ResultsDesk.Key);
        client.DefaultRequestHeaders.Add("X-Request-Id", "refused-1");

        using var response = await client.PostAsJsonAsync("/graphql", new { query = "query TracedRefusal { councils { nodes { nope } } }" });

        var line = Assert.Single(logs.Lines, l => l.Contains("was answered"));
        var span = await SpanAsync(spans, s => Tag(s, "graphql.operation.name") == "TracedRefusal");
        Assert.Contains("The query operation TracedRefusal was answered FIELDS_ON_CORRECT_TYPE", line);
        Assert.Contains("RequestId=refused-1", line);
        Assert.Contains($"TraceId={span.TraceId}", line);
        Assert.DoesNotContain(ResultsDesk.Key, string.Join("\n", logs.Lines));
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    /// <summary>
    /// Where the in-memory exporter puts the spans. Other tests' APIs run at the same time, and their spans are exported
    /// here too, from other threads: adding and reading take a lock (a list alone was once read while it grew).
    /// </summary>
    private sealed class ExportedSpans : Collection<Activity>
    {
        private readonly Lock _lock = new();

        /// <summary>The spans so far.</summary>
        public List<Activity> Snapshot()
        {
            lock (_lock) return [.. this];
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_lock) base.InsertItem(index, item);
        }
    }

    /// <summary>A span once it has ended: a delivery's is exported after the client may have read it.</summary>
    private static async Task<Activity> SpanAsync(ExportedSpans spans, Func<Activity, bool> which)
    {
        Activity? found = null;
        await Eventually.HoldsAsync(() => (found = spans.Snapshot().FirstOrDefault(which)) is not null, "the span", () => string.Join(", ", spans.Snapshot().Select(s => s.DisplayName)));
        return found!;
    }

    public void Dispose() => _data.Dispose();
}
