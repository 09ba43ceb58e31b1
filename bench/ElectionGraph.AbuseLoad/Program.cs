using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ElectionGraph.Tests.Limits;
using ElectionGraph.Tests.Support;

// The abuse benchmark (issue 9): well-behaved partners, each with its own key, run the partner examples at a
// steady pace, first alone and then beside abusive clients (costly documents, request floods, subscribe
// floods, idle sockets and surplus streams), against the API as its own process on 127.0.0.1 with its
// default limits and budgets. The abusers run in a process of their own (this program, with --abuse), as they
// would elsewhere. It reports the partners' latency and errors in both runs, the server's CPU and memory, and
// what the abusers got.
// Usage: dotnet run -c Release --project bench/ElectionGraph.AbuseLoad -- [--well-behaved 180] [--abusers 20] [--seconds 30] [--interval-ms 2000]
var options = args.Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
int Option(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
var wellBehaved = Option("well-behaved", 180);
var abusive = Option("abusers", 20);
var duration = TimeSpan.FromSeconds(Option("seconds", 30));
var interval = TimeSpan.FromMilliseconds(Option("interval-ms", 2000));
var kinds = options.TryGetValue("kinds", out var only) ? only.Split(',').Select(int.Parse).ToArray() : [0, 1, 2, 3];
if (options.TryGetValue("abuse", out var target))
{
    // The abusers' own process (started by the run below), so their work never delays the partners' clients.
    using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
    using var over = new CancellationTokenSource(duration);
    var abuse = new Run();
    await Task.WhenAll(options["keys"].Split(',').Select((key, n) => Abuser.Kinds[kinds[n % kinds.Length]](client, new Uri(target), key, abuse, over.Token)));
    foreach (var (outcome, count) in abuse.Abuse) Console.WriteLine($"{count}\t{outcome}");
    Console.WriteLine($"{Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:F0}\tprocessor milliseconds");
    return;
}

var examples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.graphql").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

var data = Directory.CreateTempSubdirectory("electiongraph-abuse-");
try
{
    var admin = await AdminKeyAsync(data.FullName);
    await using var api = await ApiProcess.StartAsync(data.FullName, new Dictionary<string, string>());
    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
    var keys = new List<string>();
    for (var i = 0; i < wellBehaved + abusive; i++) keys.Add(await IssueKeyAsync(http, api.Endpoint, admin, $"bench partner {i}"));
    var partners = keys[..wellBehaved];
    var abusers = keys[wellBehaved..];

    // Warm up (JIT, caches). The partners' budgets are far from spent by either run.
    foreach (var example in examples) await Graph.PostAsync(http, api.Endpoint, partners[0], example);
    var alone = await RunAsync(api, http, partners, [], examples, duration, interval, kinds);
    Console.WriteLine(alone.Describe("partners alone"));
    var attacked = await RunAsync(api, http, partners, abusers, examples, duration, interval, kinds);
    Console.WriteLine(attacked.Describe($"partners with {abusers.Count} abusers"));
    Console.WriteLine($"p99 with abusers / p99 alone: {attacked.Percentile(0.99) / alone.Percentile(0.99):F2} (target at most 2); partners' errors: {alone.Errors.Count} alone, {attacked.Errors.Count} with abusers.");
    foreach (var error in attacked.Errors.Concat(alone.Errors).GroupBy(e => e)) Console.WriteLine($"  partner error {error.Key}: {error.Count()}");
    foreach (var outcome in attacked.Abuse.OrderBy(o => o.Key, StringComparer.Ordinal)) Console.WriteLine($"  abuser {outcome.Key}: {outcome.Value}");
}
finally
{
    data.Delete(recursive: true);
}

/// <summary>An admin key, made with the keys command before the API holds the store.</summary>
static async Task<string> AdminKeyAsync(string dataDirectory)
{
    using var keys = Process.Start(new ProcessStartInfo("dotnet")
    {
        ArgumentList =
        {
            typeof(ElectionGraph.Api.ApiHost).Assembly.Location, "keys", "create", "--name", "bench admin", "--role", "admin",
            "--requests-per-minute", "100000", "--ElectionGraph:DataDirectory", dataDirectory, // it issues two hundred keys at once
        },
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    })!;
    var key = (await keys.StandardOutput.ReadToEndAsync()).Trim();
    await keys.WaitForExitAsync();
    return keys.ExitCode == 0 ? key : throw new InvalidOperationException($"keys create failed: {await keys.StandardError.ReadToEndAsync()}");
}

static async Task<string> IssueKeyAsync(HttpClient http, Uri endpoint, string admin, string name)
{
    var (status, body) = await Graph.PostAsync(http, endpoint, admin, "mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }",
        new { input = new { name, roles = new[] { "PARTNER" } } });
    return status == 200 && JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("createApiKey").GetProperty("secret").GetString() is { } secret
        ? secret
        : throw new InvalidOperationException($"createApiKey failed: {status} {body}");
}

static async Task<Run> RunAsync(ApiProcess api, HttpClient http, IReadOnlyList<string> partners, IReadOnlyList<string> abusers,
    string[] examples, TimeSpan duration, TimeSpan interval, int[] kinds)
{
    using var over = new CancellationTokenSource(duration);
    var run = new Run();
    var (cpuBefore, _) = api.Usage();
    var clock = Stopwatch.StartNew();
    var sampling = Task.Run(async () =>
    {
        for (; !over.IsCancellationRequested; await Task.Delay(250)) run.Resident = Math.Max(run.Resident, api.Usage().ResidentBytes);
    });
    using var abusing = abusers.Count == 0 ? null : Process.Start(new ProcessStartInfo("dotnet")
    {
        ArgumentList =
        {
            typeof(Run).Assembly.Location, "--abuse", api.Endpoint.ToString(), "--keys", string.Join(',', abusers),
            "--seconds", duration.TotalSeconds.ToString(CultureInfo.InvariantCulture), "--kinds", string.Join(',', kinds),
        },
        RedirectStandardOutput = true,
    });
    var partnering = partners.Select((key, n) => PartnerAsync(http, api.Endpoint, key, examples, n, partners.Count, interval, run, over.Token));
    await Task.WhenAll(partnering.Append(sampling));
    run.Cpu = (api.Usage().Processor - cpuBefore) / clock.Elapsed;
    if (abusing is null) return run;
    foreach (var line in (await abusing.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
    {
        var (count, outcome) = (int.Parse(line.Split('\t')[0], CultureInfo.InvariantCulture), line.Split('\t')[1]);
        if (outcome == "processor milliseconds") run.AbuserCpu = TimeSpan.FromMilliseconds(count) / clock.Elapsed;
        else run.Abuse[outcome] = count;
    }

    await abusing.WaitForExitAsync();
    return run;
}

/// <summary>A partner: the examples in turn, one every interval (the partners' starts spread over it), each answer checked.</summary>
static async Task PartnerAsync(HttpClient http, Uri endpoint, string key, string[] examples, int n, int partners, TimeSpan interval, Run run, CancellationToken over)
{
    var next = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * n / partners * Stopwatch.Frequency);
    for (var i = n; ; i++, next += (long)(interval.TotalSeconds * Stopwatch.Frequency))
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, (next - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency)), over);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var sent = Stopwatch.GetTimestamp();
        var (status, body) = await Graph.PostAsync(http, endpoint, key, examples[i % examples.Length]);
        run.Latency(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        if (status != 200 || body.Contains("\"errors\"", StringComparison.Ordinal)) run.Error($"{status} {Abuser.Code(body)}");
    }
}

static class Graph
{
    /// <summary>A GraphQL POST with a key: the query (with its variables), a body to serialise or one serialised; the status and the answer.</summary>
    public static async Task<(int Status, string Body)> PostAsync(HttpClient http, Uri endpoint, string key, object body, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = body switch
            {
                byte[] json => new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                string query => JsonContent.Create(new { query, variables }),
                _ => JsonContent.Create(body),
            },
            Headers = { { "X-Api-Key", key } },
        };
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

sealed class Run
{
    private readonly List<double> _latencies = [];

    public ConcurrentQueue<string> Errors { get; } = new();
    public ConcurrentDictionary<string, int> Abuse { get; } = new();
    public long Resident { get; set; }
    public double Cpu { get; set; }
    public double AbuserCpu { get; set; }

    public void Latency(double milliseconds)
    {
        lock (_latencies) _latencies.Add(milliseconds);
    }

    public void Error(string what) => Errors.Enqueue(what);

    public void Outcome(string what) => Abuse.AddOrUpdate(what, 1, (_, n) => n + 1);

    public double Percentile(double p)
    {
        lock (_latencies)
        {
            var sorted = _latencies.Order().ToList();
            return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
        }
    }

    public string Describe(string name)
    {
        int count;
        lock (_latencies) count = _latencies.Count;
        return $"{name}: {count} requests, {Errors.Count} errors; latency p50 {Percentile(0.5):F1} ms, p90 {Percentile(0.9):F1} ms, " +
               $"p99 {Percentile(0.99):F1} ms, max {Percentile(1):F1} ms; server CPU {Cpu:P0} of one core, peak RSS {Resident / 1048576.0:F0} MB" +
               (AbuserCpu > 0 ? $"; the abusers' process {AbuserCpu:P0} of one core." : ".");
    }
}

/// <summary>What the abusers do, each until the run is over, at most about a hundred requests a second each.</summary>
static class Abuser
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(10);

    public static readonly Func<HttpClient, Uri, string, Run, CancellationToken, Task>[] Kinds = [CostlyAsync, FloodAsync, SubscribeFloodAsync, IdleAsync];

    /// <summary>The documents that once took the server down: 100 aliases of the heavy map, ten of them in a batch, a 40-level fragment bomb.</summary>
    private static async Task CostlyAsync(HttpClient http, Uri endpoint, string key, Run run, CancellationToken over)
    {
        // Serialised once: the load generator shares the machine's two cores with the server.
        var aliased = Documents.Aliased(100, Documents.HeavyMapField);
        byte[][] bodies = [.. new object[] { new { query = aliased }, Enumerable.Repeat(new { query = aliased }, 10), new { query = Documents.FragmentBomb(40) } }
            .Select(body => JsonSerializer.SerializeToUtf8Bytes(body))];
        for (var i = 0; await Paused(over); i++)
        {
            var (status, body) = await Graph.PostAsync(http, endpoint, key, bodies[i % bodies.Length]);
            run.Outcome($"costly: {status} {Code(body)}");
        }
    }

    /// <summary>Small queries, as fast as the pause lets them.</summary>
    private static async Task FloodAsync(HttpClient http, Uri endpoint, string key, Run run, CancellationToken over)
    {
        while (await Paused(over))
        {
            var (status, body) = await Graph.PostAsync(http, endpoint, key, "{ elections { totalCount } }");
            run.Outcome($"flood: {status} {Code(body)}");
        }
    }

    /// <summary>A socket that sends a thousand subscribe messages at once, then another.</summary>
    private static async Task SubscribeFloodAsync(HttpClient http, Uri endpoint, string key, Run run, CancellationToken over)
    {
        while (await Paused(over))
        {
            using var socket = new ClientWebSocket();
            socket.Options.AddSubProtocol("graphql-transport-ws");
            socket.Options.CollectHttpResponseDetails = true;
            try
            {
                await socket.ConnectAsync(new UriBuilder(endpoint) { Scheme = "ws" }.Uri, CancellationToken.None);
                await SendAsync(socket, new { type = "connection_init", payload = new { apiKey = key } });
                for (var i = 0; i < 1000 && socket.State == WebSocketState.Open; i++)
                    await SendAsync(socket, new { id = $"s{i}", type = "subscribe", payload = new { query = """subscription { councilResultDeclared(electionId: "local.2019-05-02") { id } }""" } });
                run.Outcome($"subscribe flood: closed {await ClosedAsync(socket)}");
            }
            catch (WebSocketException)
            {
                run.Outcome($"subscribe flood: refused {(int)socket.HttpStatusCode}");
            }
        }
    }

    /// <summary>A hundred sockets that never say connection_init, and more event streams than the key may hold.</summary>
    private static async Task IdleAsync(HttpClient http, Uri endpoint, string key, Run run, CancellationToken over)
    {
        var streams = new List<HttpResponseMessage>();
        for (var i = 0; i < 60; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = JsonContent.Create(new { query = """subscription { councilResultDeclared(electionId: "local.2019-05-02") { id } }""" }),
            };
            request.Headers.Add("X-Api-Key", key);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            run.Outcome($"event streams: {(int)response.StatusCode}");
            streams.Add(response);
        }

        while (await Paused(over))
        {
            var sockets = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
            {
                var socket = new ClientWebSocket();
                socket.Options.AddSubProtocol("graphql-transport-ws");
                socket.Options.SetRequestHeader("X-Api-Key", key);
                socket.Options.CollectHttpResponseDetails = true;
                try
                {
                    await socket.ConnectAsync(new UriBuilder(endpoint) { Scheme = "ws" }.Uri, CancellationToken.None);
                    return $"closed {await ClosedAsync(socket)}";
                }
                catch (WebSocketException)
                {
                    return $"refused {(int)socket.HttpStatusCode}";
                }
                finally
                {
                    socket.Dispose();
                }
            }));
            foreach (var outcome in sockets) run.Outcome($"idle sockets: {outcome}");
        }

        foreach (var stream in streams) stream.Dispose();
    }

    private static async Task<bool> Paused(CancellationToken over)
    {
        try
        {
            await Task.Delay(Pause, over);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static Task SendAsync(ClientWebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> ClosedAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1 << 16];
        try
        {
            while ((await socket.ReceiveAsync(buffer, CancellationToken.None)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (WebSocketException)
        {
            return "(reset)";
        }

        return $"{(int?)socket.CloseStatus} {socket.CloseStatusDescription}";
    }

    /// <summary>The first error code of a GraphQL answer, or "ok".</summary>
    public static string Code(string body)
    {
        var at = body.IndexOf("\"code\":\"", StringComparison.Ordinal);
        return at < 0 ? "ok" : body[(at + 8)..body.IndexOf('"', at + 8)];
    }
}
