using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ElectionGraph.Api;
using ElectionGraph.Tests.Limits;
using ElectionGraph.Tests.Support;
using Microsoft.AspNetCore.Builder;

namespace ElectionGraph.Benchmarks;

/// <summary>
/// How fast the server refuses the documents of issue 9 that once took it down, through the whole request
/// path (Kestrel on 127.0.0.1, the endpoint, the parser and the limits, the answer written), beside the
/// results map it answers. Target: each refusal under 50 ms.
/// </summary>
[MemoryDiagnoser]
public class LimitsBenchmarks
{
    private static readonly string AliasedHeavyMap = Documents.Aliased(100, Documents.HeavyMapField);
    private static readonly string FragmentBomb = Documents.FragmentBomb(40);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "electiongraph-bench-" + Guid.NewGuid().ToString("N"));
    private WebApplication _api = null!;
    private HttpClient _client = null!;
    private byte[] _aliased = null!, _batch = null!, _bomb = null!, _map = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        // Without budgets: the benchmark times refusals by the limits, not by the rate limiters.
        _api = ApiHost.Build(["--urls", "http://127.0.0.1:0", "--ElectionGraph:DataDirectory", _directory, "--Logging:LogLevel:Default", "Warning",
            .. Unbudgeted.Settings.SelectMany(s => new[] { $"--{s.Key}", s.Value })]);
        await _api.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_api.Urls.Single()) };
        _aliased = Body(new { query = AliasedHeavyMap });
        _batch = Body(Enumerable.Repeat(new { query = AliasedHeavyMap }, 10).ToArray());
        _bomb = Body(new { query = FragmentBomb });
        _map = Body(new { query = Documents.ResultsMap });

        // Each is checked once, so that a document answered (or refused for another reason) is never timed as a refusal.
        await ExpectAsync(_aliased, "\"QUERY_TOO_COSTLY\"");
        await ExpectAsync(_batch, "\"QUERY_TOO_COSTLY\"");
        await ExpectAsync(_bomb, "\"TOO_MANY_SELECTIONS\"");
        await ExpectAsync(_map, "\"Wolverhampton\"");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _api.StopAsync();
        await _api.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "refuse: results map x100 aliases, with reported totals")]
    public Task<string> Aliased() => PostAsync(_aliased);

    [Benchmark(Description = "refuse: a batch of ten of those")]
    public Task<string> Batch() => PostAsync(_batch);

    [Benchmark(Description = "refuse: 40-level fragment bomb")]
    public Task<string> Bomb() => PostAsync(_bomb);

    [Benchmark(Description = "answer: the results map, 500 a page")]
    public Task<string> Map() => PostAsync(_map);

    private static byte[] Body(object request) => JsonSerializer.SerializeToUtf8Bytes(request);

    private async Task<string> PostAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        using var response = await _client.PostAsync("/graphql", content);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task ExpectAsync(byte[] body, string expected)
    {
        var answer = await PostAsync(body);
        if (!answer.Contains(expected, StringComparison.Ordinal))
            throw new InvalidOperationException($"Expected {expected} in the answer to {Encoding.UTF8.GetString(body)[..200]}…; got {answer[..Math.Min(answer.Length, 500)]}");
    }
}
