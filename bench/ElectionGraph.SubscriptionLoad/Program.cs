using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ElectionGraph.Api.Commands.Replay;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage.Seeding;
using ElectionGraph.Tests.Support;

// The subscription load test: starts the API (its own process, polling-day store, on 127.0.0.1), measures
// its memory, opens N graphql-transport-ws subscriptions, measures again (memory per idle subscription),
// then declares D results through the public mutation and records, for every subscriber, how long each
// declaration took to arrive (from just before the mutation was sent).
// Usage: dotnet run -c Release --project bench/ElectionGraph.SubscriptionLoad -- [--subscribers 5000] [--declarations 50] [--interval-ms 200]
var options = args.Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
int Option(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
var subscribers = Option("subscribers", 5000);
var declarations = Option("declarations", 50);
var interval = TimeSpan.FromMilliseconds(Option("interval-ms", 200));
const string Key = "load-test-desk-key";

var data = Directory.CreateTempSubdirectory("electiongraph-load-");
try
{
    // The load is one client's (5,000 connections from one address): budgets are not what this measures.
    await using var api = await ApiProcess.StartAsync(data.FullName, new Dictionary<string, string>(Unbudgeted.Settings)
    {
        ["ElectionGraph:Seed:Results"] = "false",
        ["ElectionGraph:ResultsDeskKey"] = Key,
    });
    var endpoint = api.Endpoint;
    using var http = new HttpClient();

    // Warm up the path once (JIT, caches), then measure the server at rest.
    await using (var warm = await Subscriber.ConnectAsync(endpoint, 0)) await Task.Delay(500);
    await Task.Delay(2000);
    var before = api.Usage().ResidentBytes;

    var clock = Stopwatch.StartNew();
    var clients = new Subscriber[subscribers];
    using (var opening = new SemaphoreSlim(200))
    {
        await Task.WhenAll(Enumerable.Range(0, subscribers).Select(async i =>
        {
            await opening.WaitAsync();
            try { clients[i] = await Subscriber.ConnectAsync(endpoint, i); }
            finally { opening.Release(); }
        }));
    }

    var opened = clock.Elapsed;
    await Task.Delay(3000); // idle
    var after = api.Usage().ResidentBytes;
    Console.WriteLine($"Opened {subscribers} subscriptions in {opened.TotalSeconds:F1} s.");
    Console.WriteLine($"Server memory (RSS): {before / 1048576.0:F1} MB at rest, {after / 1048576.0:F1} MB with {subscribers} idle subscriptions: " +
                      $"{(after - before) / 1024.0 / subscribers:F1} KB per subscription.");

    // Declare: one result every interval; each subscriber notes when each council arrives.
    var seed = SeedReader.Read(Path.Combine(AppContext.BaseDirectory, "seed"));
    var results = seed.CouncilResults.Where(r => r.Cycle == Cycle.AllOut && r.SeatsUp == r.TotalSeats).Take(declarations).ToList();
    var sent = new Dictionary<string, long>();
    http.DefaultRequestHeaders.Add("X-Api-Key", Key);
    foreach (var result in results)
    {
        sent[result.Council.Code] = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync(endpoint, new
        {
            query = ReplayPlan.DeclareCouncil,
            variables = new { input = ReplayPlan.CouncilInput(result, $"load:{result.Id}") },
        });
        var body = await response.Content.ReadAsStringAsync();
        if (body.Contains("\"errors\"")) throw new InvalidOperationException($"{result.Council.Name} was refused: {body}");
        await Task.Delay(interval);
    }

    await Task.WhenAll(clients.Select(c => c.ReceivedAsync(results.Count, TimeSpan.FromSeconds(60))));
    var latencies = clients.SelectMany(c => c.Arrivals.Select(a => Stopwatch.GetElapsedTime(sent[a.Council], a.Timestamp).TotalMilliseconds)).Order().ToList();
    double Percentile(double p) => latencies[(int)Math.Ceiling(p * latencies.Count) - 1];
    Console.WriteLine($"Delivered {latencies.Count} of {subscribers * results.Count} ({results.Count} declarations × {subscribers} subscribers, one every {interval.TotalMilliseconds} ms).");
    Console.WriteLine($"Delivery latency: p50 {Percentile(0.50):F1} ms, p90 {Percentile(0.90):F1} ms, p99 {Percentile(0.99):F1} ms, max {latencies[^1]:F1} ms.");
    foreach (var client in clients) await client.DisposeAsync();
}
finally
{
    data.Delete(recursive: true);
}

/// <summary>One graphql-transport-ws subscriber that records when each declared council reaches it.</summary>
sealed class Subscriber : IAsyncDisposable
{
    private const string Subscription = """subscription { councilResultDeclared(electionId: "local.2019-05-02") { council { code } version } }""";
    private readonly ClientWebSocket _socket = new();
    private readonly List<(string Council, long Timestamp)> _arrivals = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _receiving;
    private int _expected = int.MaxValue;
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string Council, long Timestamp)> Arrivals => _arrivals;

    public static async Task<Subscriber> ConnectAsync(Uri endpoint, int n)
    {
        var subscriber = new Subscriber();
        subscriber._socket.Options.AddSubProtocol("graphql-transport-ws");
        subscriber._socket.Options.KeepAliveInterval = Timeout.InfiniteTimeSpan;
        await subscriber._socket.ConnectAsync(new UriBuilder(endpoint) { Scheme = "ws" }.Uri, CancellationToken.None);
        subscriber._receiving = subscriber.ReceiveAsync();
        await subscriber.SendAsync("""{"type":"connection_init"}""");
        await subscriber._ready.Task;
        await subscriber.SendAsync(JsonSerializer.Serialize(new { id = $"s{n}", type = "subscribe", payload = new { query = Subscription } }));
        return subscriber;
    }

    public Task ReceivedAsync(int count, TimeSpan timeout)
    {
        lock (_arrivals)
        {
            _expected = count;
            if (_arrivals.Count >= count) _received.TrySetResult();
        }

        return _received.Task.WaitAsync(timeout);
    }

    private Task SendAsync(string message) => _socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        while (_socket.State == WebSocketState.Open)
        {
            var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            var now = Stopwatch.GetTimestamp();
            if (result.MessageType == WebSocketMessageType.Close) return;
            // Kept cheap on purpose: the load generator shares the machine's two cores with the server.
            var message = buffer.AsSpan(0, result.Count);
            if (message.IndexOf("\"type\":\"connection_ack\""u8) >= 0)
            {
                _ready.TrySetResult();
                continue;
            }

            var code = message.IndexOf("\"code\":\""u8);
            if (code < 0) continue;
            var start = code + "\"code\":\"".Length;
            var council = Encoding.UTF8.GetString(message[start..(start + message[start..].IndexOf((byte)'"'))]);
            lock (_arrivals)
            {
                _arrivals.Add((council, now));
                if (_arrivals.Count >= _expected) _received.TrySetResult();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open) await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        _socket.Dispose();
    }
}
