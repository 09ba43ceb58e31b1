using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ElectionGraph.Api.Access;
using ElectionGraph.Api.Commands.Replay;
using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Storage.Seeding;
using ElectionGraph.Tests.Support;

// The webhook load test: starts the API (its own process, polling-day store, on 127.0.0.1) and a receiver (Kestrel,
// in this process, on 127.0.0.1), registers N webhooks on North West council results (of D distinct documents:
// rendered once each per declaration), measures query latency at rest, then declares one North West result and
// records when each webhook's delivery arrives, with query latency measured meanwhile (after a declaration elsewhere, so
// the path is warm).
// Usage: dotnet run -c Release --project bench/ElectionGraph.WebhookLoad -- [--webhooks 1000] [--documents 1] [--clients 4] [--rest-seconds 10]
var options = args.Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
int Option(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
var webhooks = Option("webhooks", 1000);
var documents = Option("documents", 1);
var clients = Option("clients", 4);
var rest = TimeSpan.FromSeconds(Option("rest-seconds", 10));
const string DeskKey = "load-test-desk-key", Election = "local.2019-05-02";

var data = Directory.CreateTempSubdirectory("electiongraph-webhooks-");
try
{
    await using var receiver = await WebhookReceiver.StartAsync();
    string partnerKey;
    await using (var store = EmbeddedStore.Open(data.FullName))
        partnerKey = (await new ApiKeyRegistry(store, TimeProvider.System).CreateAsync(new ApiKeyGrant("load test", null, [Roles.Partner], null), false, CancellationToken.None)).Secret;
    await using var api = await ApiProcess.StartAsync(data.FullName, new Dictionary<string, string>(Unbudgeted.Settings)
    {
        ["ElectionGraph:Seed:Results"] = "false",
        ["ElectionGraph:ResultsDeskKey"] = DeskKey,
        ["ElectionGraph:Webhooks:AllowPrivateAddresses"] = "true",
        ["ElectionGraph:Webhooks:MaxPerKey"] = webhooks.ToString(CultureInfo.InvariantCulture),
    });
    using var http = new HttpClient { BaseAddress = api.Endpoint };

    var clock = Stopwatch.StartNew();
    using (var registering = new SemaphoreSlim(8))
    {
        await Task.WhenAll(Enumerable.Range(0, webhooks).Select(async i =>
        {
            await registering.WaitAsync();
            try
            {
                // Distinct documents differ by their operation's name: the same work, rendered once per document.
                var query = $$"""subscription NorthWest{{i % documents}}($election: ID!) { councilResultDeclared(electionId: $election, where: { council: { region: { eq: "North West" } } }) { council { name } control { after } seats { partyCode won change } } }""";
                await PostAsync(http, partnerKey, "mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }",
                    new { input = new { url = new Uri(receiver.Url, $"/hooks/{i}").ToString(), query, variables = new { election = Election } } });
            }
            finally
            {
                registering.Release();
            }
        }));
    }

    Console.WriteLine($"Registered {webhooks} webhooks ({documents} distinct documents) in {clock.Elapsed.TotalSeconds:F1} s.");

    await Queries.RunAsync(http, clients, TimeSpan.FromSeconds(2), CancellationToken.None); // warm up
    var atRest = await Queries.RunAsync(http, clients, rest, CancellationToken.None);
    Console.WriteLine($"Queries at rest ({clients} clients, {rest.TotalSeconds:F0} s): {atRest}");

    var declarable = SeedReader.Read(Path.Combine(AppContext.BaseDirectory, "seed")).CouncilResults
        .Where(r => r.Cycle == Cycle.AllOut && r.SeatsUp == r.TotalSeats).ToList();
    var result = declarable.First(r => r.Council.Region == "North West");
    // Results night is under way: a declaration elsewhere first (every webhook's document is run on it, none matches),
    // so what is measured is not the first run of that path.
    await PostAsync(http, DeskKey, ReplayPlan.DeclareCouncil, new { input = ReplayPlan.CouncilInput(declarable.First(r => r.Council.Region != "North West"), "warm-up") });
    await Task.Delay(TimeSpan.FromSeconds(2));
    using var delivering = new CancellationTokenSource();
    var meanwhile = Queries.RunAsync(http, clients, TimeSpan.FromMinutes(10), delivering.Token);
    var declared = Stopwatch.GetTimestamp();
    await PostAsync(http, DeskKey, ReplayPlan.DeclareCouncil, new { input = ReplayPlan.CouncilInput(result, "webhook-load") });
    var acknowledged = Stopwatch.GetElapsedTime(declared);
    await Eventually.HoldsAsync(() => receiver.Requests.Count >= webhooks, $"{webhooks} deliveries", () => $"{receiver.Requests.Count}");
    await delivering.CancelAsync();
    var during = await meanwhile;

    var arrivals = receiver.Requests.Select(r => Stopwatch.GetElapsedTime(declared, r.ArrivedAt).TotalMilliseconds).Order().ToList();
    var distinctWebhooks = receiver.Requests.Select(r => r.Header("ElectionGraph-Webhook-Id")).Distinct().Count();
    Console.WriteLine($"Declared {result.Council.Name}: acknowledged in {acknowledged.TotalMilliseconds:F0} ms; {arrivals.Count} deliveries to {distinctWebhooks} webhooks.");
    Console.WriteLine($"Deliveries arrived after the declaration: first {arrivals[0]:F0} ms, median {arrivals[arrivals.Count / 2]:F0} ms, last {arrivals[^1]:F0} ms " +
                      $"({arrivals.Count / (arrivals[^1] / 1000):F0} deliveries/s overall).");
    Console.WriteLine($"Queries meanwhile: {during}");
    if (api.Output.Length > 0) Console.WriteLine($"The API logged (warnings and errors):\n{api.Output}");
}
finally
{
    data.Delete(recursive: true);
}

static async Task PostAsync(HttpClient http, string key, string query, object variables)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = JsonContent.Create(new { query, variables }) };
    request.Headers.Add("X-Api-Key", key);
    using var response = await http.SendAsync(request);
    var body = await response.Content.ReadAsStringAsync();
    if (body.Contains("\"errors\"")) throw new InvalidOperationException($"Refused: {body}");
}

/// <summary>Partners' queries in closed loops: each client sends the next when the last is answered.</summary>
static class Queries
{
    private static readonly string[] Mix =
    [
        """{ councilResults(electionId: "local.2019-05-02", first: 50) { nodes { council { name } control { after } } } }""",
        """{ partyTotals(electionId: "local.2019-05-02") { partyCode seatsWon seatsCounting } }""",
        """{ councils(first: 50, where: { region: { eq: "North West" } }) { nodes { name } } }""",
    ];

    public static async Task<Latencies> RunAsync(HttpClient http, int clients, TimeSpan duration, CancellationToken stop)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop);
        limit.CancelAfter(duration);
        var all = await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var latencies = new List<double>();
            for (var n = client; !limit.IsCancellationRequested; n++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("", new { query = Mix[n % Mix.Length] }, CancellationToken.None);
                await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Query answered {(int)response.StatusCode}.");
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        }));
        return new Latencies([.. all.SelectMany(l => l).Order()]);
    }
}

sealed record Latencies(List<double> Sorted)
{
    private double At(double p) => Sorted[Math.Max(0, (int)Math.Ceiling(p * Sorted.Count) - 1)];

    public override string ToString() =>
        $"{Sorted.Count} queries, p50 {At(0.5):F2} ms, p90 {At(0.9):F2} ms, p99 {At(0.99):F2} ms, max {Sorted[^1]:F2} ms";
}
