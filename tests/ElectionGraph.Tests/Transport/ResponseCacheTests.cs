using ElectionGraph.Api.Transport;
using ElectionGraph.Domain.Access;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Transport;

/// <summary>
/// The response cache: a kept answer is the answer the query would get, byte for byte, and never older than the data
/// it was asked about; it is kept per caller's roles and variables, never with errors, and within its bound.
/// </summary>
public sealed class ResponseCacheTests : IDisposable
{
    private const string Map = "{ councilResults(electionId: \"local.2019-05-02\", first: 500) { nodes { council { name region } control { before after } seats { partyCode won change } } } }";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private ApiFactory Api(params (string Key, string Value)[] settings) =>
        new(_data[Guid.NewGuid().ToString("N")], settings: settings.ToDictionary(s => s.Key, s => s.Value));

    private static async Task<ApiFactory> ReadyAsync(ApiFactory api)
    {
        await api.Services.GetRequiredService<DataVersion>().Ready; // no answer is kept before the data version is known
        return api;
    }

    private static ResponseCache Cache(ApiFactory api) => api.Services.GetRequiredService<ResponseCache>();

    [Fact]
    public async Task Every_example_answers_the_same_bytes_kept_as_run_and_with_the_cache_off()
    {
        // Two APIs on one store, so they hold the same data to the tick.
        await using var store = EmbeddedStore.Open(_data["store"]);
        await store.ImportAsync(Seed.Documents.Documents);
        using var cached = await ReadyAsync(new ApiFactory(_data["on"], store));
        using var uncached = await ReadyAsync(new ApiFactory(_data["off"], store, new Dictionary<string, string> { ["ElectionGraph:ResponseCache:Enabled"] = "false" }));
        var operations = PartnerExamples.Queries.Select(PartnerExamples.Text).Append(Map).ToList();

        foreach (var query in operations)
        {
            var run = await ComparableAnswers.PostAsync(cached, query);
            var kept = await ComparableAnswers.PostAsync(cached, query);
            var gzipped = await ComparableAnswers.PostAsync(cached, query, "gzip");
            var off = await ComparableAnswers.PostAsync(uncached, query);
            var offGzipped = await ComparableAnswers.PostAsync(uncached, query, "gzip");

            Assert.False(run.Body.Contains("\"errors\""), run.Body);
            Assert.Equal(run.Comparable, kept.Comparable);
            Assert.Equal(off.Comparable, kept.Comparable);
            // Kept and sent gzipped as deflated once (GzippedData), or compressed as it is sent: the same answer.
            Assert.Equal(("gzip", "gzip"), (gzipped.Encoding, offGzipped.Encoding));
            Assert.Equal(off.Comparable, gzipped.Comparable);
            Assert.Equal(off.Comparable, offGzipped.Comparable);
        }

        // Every second and third request was answered from the cache; with it off, nothing was kept.
        Assert.Equal(2 * operations.Count, Cache(cached).Statistics.TotalHits);
        Assert.Equal(0, Cache(uncached).Statistics.TotalHits + Cache(uncached).Statistics.CurrentEntryCount);
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("br", "br")] // compressed as it is sent, by the middleware
    [InlineData("gzip;q=0, br", "br")]
    [InlineData(null, "")]
    public async Task A_kept_answer_is_sent_gzipped_only_to_a_client_that_takes_gzip(string? acceptEncoding, string encoding)
    {
        using var api = await ReadyAsync(Api());
        await ComparableAnswers.PostAsync(api, Map);
        var hits = Cache(api).Statistics.TotalHits;

        var kept = await ComparableAnswers.PostAsync(api, Map, acceptEncoding);

        Assert.Equal(hits + 1, Cache(api).Statistics.TotalHits);
        Assert.Equal(encoding, kept.Encoding);
        Assert.Equal((await ComparableAnswers.PostAsync(api, Map)).Comparable, kept.Comparable);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // aggregates are kept per data version even without whole answers
    public async Task After_a_declaration_the_same_query_sees_it_at_once(bool responseCache)
    {
        // The store's change feed never tells of the declarations: the API must know of its own writes without it.
        await using var store = new LaggingFeedStore(EmbeddedStore.Open(_data["store"]));
        using var api = await ReadyAsync(new ApiFactory(_data["api"], store,
            new Dictionary<string, string>(ResultsDesk.PollingDay) { ["ElectionGraph:ResponseCache:Enabled"] = responseCache.ToString() }));
        const string declared = """
            { councilResults(electionId: "local.2019-05-02") { totalCount nodes { id version } } partyTotals(electionId: "local.2019-05-02") { seatsWon } }
            """;
        var declarable = ResultsDesk.Declarable;
        var desk = new ResultsDesk(api);

        for (var i = 0; i < 3; i++)
        {
            var before = await api.QueryAsync(declared);
            Assert.Equal(before.GetRawText(), (await api.QueryAsync(declared)).GetRawText()); // the second is kept

            var body = await desk.SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(declarable[i], $"cache-{i}") });
            Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());

            // No wait: the answer after the desk's is the data after the declaration.
            var after = await api.QueryAsync(declared);
            Assert.Equal(i + 1, after.GetProperty("councilResults").GetProperty("totalCount").GetInt32());
            Assert.Contains(after.GetProperty("councilResults").GetProperty("nodes").EnumerateArray(), n => n.GetProperty("id").GetString() == declarable[i].Id);
            Assert.Equal(declarable.Take(i + 1).Sum(r => r.Seats.Sum(s => s.Won)), after.GetProperty("partyTotals").EnumerateArray().Sum(t => t.GetProperty("seatsWon").GetInt32()));
        }

        // Kept: each round's second question, and the next round's first (the answer after the last declaration).
        Assert.Equal(responseCache ? 5 : 0, Cache(api).Statistics.TotalHits);
    }

    [Fact]
    public async Task Answers_are_kept_per_roles_and_variables_and_never_with_errors_or_fields_some_roles_may_not_see()
    {
        using var api = await ReadyAsync(Api());
        var admin = await Keys.IssueAsync(api, Roles.Admin);
        var partner = await Keys.IssueAsync(api, Roles.Partner);
        const string council = "query($code: ID!) { council(code: $code) { name } }";

        var ashfield = await api.QueryAsync(council, new { code = "E07000170" });
        var bolton = await api.QueryAsync(council, new { code = "E08000001" });
        var (_, asPartner) = await Keys.PostAsync(api, partner.Secret, council, new { code = "E07000170" });
        var afterAnonymous = Cache(api).Statistics;

        Assert.NotEqual(ashfield.GetRawText(), bolton.GetRawText());
        Assert.Equal(ashfield.GetRawText(), asPartner.GetProperty("data").GetRawText());
        Assert.Equal((0L, 3L), (afterAnonymous.TotalHits, afterAnonymous.CurrentEntryCount)); // three keys: the partner's roles differ

        // An error is not kept, and neither is the key list, which only admins may read.
        for (var i = 0; i < 2; i++)
        {
            var refused = await api.PostAsync(new { query = "{ council(code: \"E07000170\") { name } councils(first: 501) { totalCount } }" });
            Assert.Equal("PAGE_SIZE_TOO_LARGE", Keys.Code(refused));
        }

        for (var i = 0; i < 2; i++)
        {
            var (_, keys) = await Keys.PostAsync(api, admin.Secret, "{ apiKeys { id } }");
            Assert.False(keys.TryGetProperty("errors", out var errors), errors.ToString());
        }

        Assert.Equal(0, Cache(api).Statistics.TotalHits);
        Assert.Equal(3, Cache(api).Statistics.CurrentEntryCount);
    }

    [Fact]
    public async Task The_cache_holds_at_most_its_bytes_and_an_answer_larger_than_them_is_not_kept()
    {
        using var api = await ReadyAsync(Api(("ElectionGraph:ResponseCache:MaxBytes", "50000")));

        for (var i = 0; i < 2; i++) await api.QueryAsync(Map); // about 100 KB
        for (var i = 0; i < 50; i++) await api.QueryAsync("query($first: Int) { councils(first: $first) { nodes { name } } }", new { first = i + 1 });

        var statistics = Cache(api).Statistics;
        Assert.Equal(0, statistics.TotalHits);
        Assert.InRange(statistics.CurrentEstimatedSize!.Value, 1, 50_000);
    }

    [Fact]
    public async Task Identical_queries_arriving_while_the_first_runs_wait_for_its_answer_instead_of_running_too()
    {
        await using var store = new HeldQueries(EmbeddedStore.Open(_data["store"]));
        // The held query must not meet the time limit however slowly the others arrive.
        using var api = await ReadyAsync(new ApiFactory(_data["api"], store, new Dictionary<string, string> { ["ElectionGraph:Limits:OperationTimeoutSeconds"] = "120" }));
        const string query = "{ councilResults(electionId: \"local.2019-05-02\", first: 5) { nodes { id } } }";

        store.Hold();
        var answers = Enumerable.Range(0, 10).Select(_ => Task.Run(() => api.QueryAsync(query))).ToList();
        // All ten have asked the cache in vain, and the first is running (held in the store).
        await Eventually.HoldsAsync(() => Cache(api).Statistics.TotalMisses >= 10 && store.Queries >= 1, "ten misses and one query running",
            () => $"{Cache(api).Statistics.TotalMisses} misses, {store.Queries} queries");
        store.Release();
        var texts = (await Task.WhenAll(answers)).Select(a => a.GetRawText()).ToList();

        Assert.Single(texts.Distinct());
        Assert.Equal(1, store.Queries);
    }

    /// <summary>A store whose council-result queries, once held, wait until released, and are counted.</summary>
    private sealed class HeldQueries(IDocumentStore inner) : StoreDecorator(inner)
    {
        private readonly ManualResetEventSlim _released = new(true);
        private int _queries;

        public int Queries => Volatile.Read(ref _queries);

        public void Hold()
        {
            _released.Reset();
            Interlocked.Exchange(ref _queries, 0);
        }

        public void Release() => _released.Set();

        protected override IQueryable<T> Query<T>(IDocumentCollection<T> collection)
        {
            if (typeof(T) == typeof(ElectionGraph.Domain.Results.CouncilResult))
            {
                Interlocked.Increment(ref _queries);
                _released.Wait(Eventually.Limit);
            }

            return collection.Query();
        }
    }

    [Fact]
    public void A_cache_of_no_bytes_is_refused_at_start_with_the_setting_named()
    {
        using var api = Api(("ElectionGraph:ResponseCache:MaxBytes", "0"));

        var refused = Assert.ThrowsAny<Exception>(() => api.Services);

        Assert.Contains("ElectionGraph:ResponseCache:MaxBytes must be positive", refused.ToString());
    }
}
