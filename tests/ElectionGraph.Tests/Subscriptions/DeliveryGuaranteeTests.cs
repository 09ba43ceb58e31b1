using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ElectionGraph.Api.Aggregates;
using ElectionGraph.Api.Subscriptions;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ElectionGraph.Tests.Subscriptions;

/// <summary>
/// The delivery guarantee under stress, on real sockets: many WebSocket and SSE subscribers, declarations and
/// corrections from many desks at once, the results map queried in a loop beside them, a subscriber that
/// joins halfway and one that leaves and catches up. What each subscriber received is checked against what
/// the store accepted, in the store's order — never against timing. ELECTIONGRAPH_DELIVERY_SCALE makes it
/// larger (bench/README.md).
/// </summary>
public sealed class DeliveryGuaranteeTests(ITestOutputHelper output) : IDisposable
{
    private const string All = """subscription { councilResultDeclared(electionId: "local.2019-05-02") { id version updatedAt } }""";
    private const string InRegion = """
        subscription ($region: String!) { councilResultDeclared(electionId: "local.2019-05-02", where: { council: { region: { eq: $region } } }) { id version } }
        """;
    private const string Totals = """subscription { partyTotalsChanged(electionId: "local.2019-05-02") { partyCode seatsWon seatsChange councilsControlled } }""";
    private const string Map = """{ councilResults(electionId: "local.2019-05-02", first: 500) { nodes { council { name region } control { before after } seats { partyCode won change party { name } } } } }""";

    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("ELECTIONGRAPH_DELIVERY_SCALE"), out var scale) && scale > 0 ? scale : 1;

    private readonly LiveApi _live = LiveApi.With(ResultsDesk.PollingDay);

    [Fact]
    public async Task Every_subscriber_gets_each_accepted_declaration_once_in_the_order_accepted_and_totals_never_go_back()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var councils = ResultsDesk.Declarable.Take(Math.Min(30 * Scale, ResultsDesk.Declarable.Count)).ToList();
        var writesPerCouncil = 4 + Scale;
        var regions = councils.Select(c => c.Council.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        var desk = new ResultsDesk(_live.Api);

        // The oracle: the store's own feed, opened before anything is written.
        var store = _live.Api.Services.GetRequiredService<IDocumentStore>();
        await using var feed = await store.Collection<CouncilResult>().WatchAsync(CancellationToken.None);
        var stored = new List<CouncilResult>();
        _ = Task.Run(async () =>
        {
            await foreach (var result in feed)
            {
                lock (stored) stored.Add(result);
            }
        });
        IReadOnlyList<CouncilResult> Stored()
        {
            lock (stored) return [.. stored];
        }

        Task StoredAsync(int count) => Eventually.HoldsAsync(() => Stored().Count >= count, $"the store's feed to hold every accepted write ({count})", () => $"{Stored().Count}");

        var subscribers = new List<Subscriber>();
        for (var i = 0; i < 6 * Scale; i++)
        {
            var region = regions[i % regions.Count];
            var socket = await WebSocketSubscriber.ConnectAsync(_live.Endpoint, $"ws-{i}", ("all", All, null), ("region", InRegion, new { region }), ("totals", Totals, null));
            subscribers.Add(socket);
        }

        for (var i = 0; i < 2 * Scale; i++) subscribers.Add(await EventStreamSubscriber.OpenAsync(_live.Endpoint, $"sse-{i}", All));
        var leaver = await WebSocketSubscriber.ConnectAsync(_live.Endpoint, "leaver", ("all", All, null));

        // The other work: the results map, the heaviest partner query, in a loop until the night is over.
        using var nightOver = new CancellationTokenSource();
        var mapReaders = Enumerable.Range(0, 2).Select(_ => ReadMapsAsync(nightOver.Token)).ToList();

        // Phase 1: every council declared and half its corrections; each council's writes in turn, all councils at once.
        var accepted = new Inbox();
        var half = writesPerCouncil / 2;
        await Task.WhenAll(councils.Select(council => WriteAsync(desk, council, 0, half, accepted)));
        await StoredAsync(accepted.Count(""));

        // Between the phases one subscriber joins and one leaves, having seen everything so far.
        var joiner = await WebSocketSubscriber.ConnectAsync(_live.Endpoint, "joiner", ("all", All, null));
        await leaver.Inbox.CountAsync("all", accepted.Count(""), "the leaver to see every write of phase 1");
        var lastSeen = leaver.Inbox.Snapshot("all")[^1];
        await leaver.DisposeAsync();
        var phaseOne = accepted.Count("");

        // Phase 2: the remaining corrections, and one stale correction per council that must be refused.
        await Task.WhenAll(councils.Select(async council =>
        {
            await WriteAsync(desk, council, half, writesPerCouncil, accepted);
            var stale = await desk.SendAsync(ResultsDesk.Correct, new { input = ResultsDesk.Input(council, $"{council.Council.Code}-stale", expectedVersion: 1) });
            Assert.Equal("CONFLICT", stale.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        }));
        await nightOver.CancelAsync();
        Assert.All(await Task.WhenAll(mapReaders), answered => Assert.True(answered > 0, "the map was never answered"));

        // The store accepted exactly what the desks were told it accepted, each council's versions in order.
        var n = accepted.Count("");
        await StoredAsync(n);
        var documents = Stored();
        var order = documents.Select(d => new Delivery(d.Id, (int)d.Version, d.UpdatedAt.ToString("O"))).ToList();
        Assert.Equal(accepted.Snapshot("").Select(d => d.Key).Order(), order.Select(d => d.Key).Order());
        Assert.All(order.GroupBy(d => d.Id), council => Assert.Equal(Enumerable.Range(1, writesPerCouncil), council.Select(d => d.Version)));

        var regionOf = councils.ToDictionary(c => c.Id, c => c.Council.Region);
        var totalsAfter = await TotalsAfterEachWriteAsync(documents, store.Collection<Ballot>().Query());
        foreach (var subscriber in subscribers)
        {
            await subscriber.Inbox.CountAsync("all", n, $"{subscriber.Name}: every accepted write");
            Assert.Equal(order.Select(d => d.Key), subscriber.Inbox.Snapshot("all").Select(d => d.Key));
            if (subscriber is not WebSocketSubscriber socket) continue;

            var region = regions[subscribers.IndexOf(socket) % regions.Count];
            var inRegion = order.Where(d => regionOf[d.Id] == region).Select(d => d.Key).ToList();
            await socket.Inbox.CountAsync("region", inRegion.Count, $"{socket.Name}: every accepted write in {region}");
            Assert.Equal(inRegion, socket.Inbox.Snapshot("region").Select(d => d.Key));

            await Eventually.HoldsAsync(() => socket.Totals.LastOrDefault() == totalsAfter[^1], $"{socket.Name}: the totals after the last write",
                () => socket.Totals.LastOrDefault() ?? "no totals");
            NeverOlderAfterNewer(socket.Name, socket.Totals.ToList(), totalsAfter);
        }

        // The joiner got a contiguous run of the accepted writes to the end, at least all of phase 2.
        await Eventually.HoldsAsync(() => joiner.Inbox.Snapshot("all").LastOrDefault()?.Key == order[^1].Key, "the joiner: the last write",
            () => $"{joiner.Inbox.Count("all")} writes");
        var joined = joiner.Inbox.Snapshot("all").Select(d => d.Key).ToList();
        Assert.True(joined.Count >= n - phaseOne, $"The joiner got {joined.Count} writes; {n - phaseOne} were stored after it was acknowledged.");
        Assert.Equal(order.Skip(n - joined.Count).Select(d => d.Key), joined);

        // The leaver reconnects, and updatedSince its last updatedAt gives exactly what changed from then on.
        await using (await WebSocketSubscriber.ConnectAsync(_live.Endpoint, "back", ("all", All, null)))
        {
            var since = order.FindIndex(d => d.Key == lastSeen.Key);
            var changed = order.Skip(since).Select(d => d.Id).ToHashSet();
            var expected = order.Where(d => changed.Contains(d.Id)).GroupBy(d => d.Id).Select(g => (g.Key, g.Max(d => d.Version))).Order();
            var caughtUp = (await _live.Api.QueryAsync($$"""{ councilResults(electionId: "local.2019-05-02", updatedSince: "{{lastSeen.UpdatedAt}}", first: 500) { nodes { id version } } }"""))
                .GetProperty("councilResults").GetProperty("nodes").EnumerateArray().Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("version").GetInt32()));
            Assert.Equal(expected, caughtUp.Order());
        }

        foreach (var subscriber in subscribers.Append(joiner)) await subscriber.DisposeAsync();
        output.WriteLine($"Scale {Scale}: {n} writes accepted from {councils.Count} councils, {councils.Count} stale ones refused; " +
                         $"{subscribers.Count + 2} subscribers ({subscribers.OfType<WebSocketSubscriber>().Count()} WebSocket with 3 subscriptions each, " +
                         $"{subscribers.OfType<EventStreamSubscriber>().Count()} SSE, a joiner, a leaver); " +
                         $"{subscribers.Sum(s => s.Inbox.Count("all") + s.Inbox.Count("region")) + joiner.Inbox.Count("all")} declarations checked; {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    private static async Task WriteAsync(ResultsDesk desk, CouncilResult council, int from, int to, Inbox accepted)
    {
        for (var n = from; n < to; n++)
        {
            var input = ResultsDesk.Input(council, $"{council.Council.Code}-{n}", expectedVersion: n == 0 ? null : n);
            if (n % 2 == 1) MoveOneSeat(input);
            var response = await desk.SendAsync(n == 0 ? ResultsDesk.Declare : ResultsDesk.Correct, new { input });
            Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
            var result = response.GetProperty("data").EnumerateObject().Single().Value;
            accepted.Add("", new Delivery(result.GetProperty("id").GetString()!, result.GetProperty("version").GetInt32(), ""));
        }
    }

    /// <summary>A recount: one seat moves between parties, so the totals after each correction differ.</summary>
    private static void MoveOneSeat(Dictionary<string, object?> input)
    {
        var seats = (List<Dictionary<string, object?>>)input["seats"]!;
        var from = seats.First(s => (int)s["won"]! > 0);
        var to = seats.First(s => s != from);
        from["won"] = (int)from["won"]! - 1;
        to["won"] = (int)to["won"]! + 1;
    }

    private async Task<int> ReadMapsAsync(CancellationToken nightOver)
    {
        using var client = new HttpClient();
        var answered = 0;
        while (!nightOver.IsCancellationRequested)
        {
            using var response = await client.PostAsJsonAsync(_live.Endpoint, new { query = Map }, CancellationToken.None);
            Assert.True(response.IsSuccessStatusCode, $"The map was answered {(int)response.StatusCode}.");
            answered++;
        }

        return answered;
    }

    /// <summary>
    /// The totals a subscriber selects, as the API computes them, after each write in the store's order (with the
    /// running tally of the councils not yet declared: their uncontested wards, as no ward is counted here).
    /// </summary>
    private static async Task<IReadOnlyList<string>> TotalsAfterEachWriteAsync(IReadOnlyList<CouncilResult> writes, IQueryable<Ballot> ballots)
    {
        var state = new Dictionary<string, CouncilResult>();
        var totals = new List<string>();
        foreach (var write in writes)
        {
            state[write.Id] = write;
            var counting = await AggregateFields.CountingAsync(state.Values.AsQueryable(), ballots, where: null, Seed.Election, CancellationToken.None);
            totals.Add(Canonical(await AggregateFields.PartyTotalsAsync(state.Values.AsQueryable(), counting, CancellationToken.None)));
        }

        return totals;
    }

    private static string Canonical(IEnumerable<PartyTotal> totals) =>
        string.Join(";", totals.Select(t => $"{t.PartyCode}:{t.SeatsWon}:{t.SeatsChange}:{t.CouncilsControlled}"));

    /// <summary>Each totals message is the state after some write, never one before the previous message's.</summary>
    private static void NeverOlderAfterNewer(string subscriber, IReadOnlyList<string> received, IReadOnlyList<string> after)
    {
        var at = 0;
        foreach (var (totals, i) in received.Select((t, i) => (t, i)))
        {
            while (at < after.Count && after[at] != totals) at++;
            Assert.True(at < after.Count, $"{subscriber}: totals message {i} is not the state after any write from the one before: {totals}");
        }
    }

    public void Dispose() => _live.Dispose();

    public sealed record Delivery(string Id, int Version, string UpdatedAt)
    {
        public (string, int) Key => (Id, Version);
    }

    /// <summary>What a subscriber received, by subscription id.</summary>
    public sealed class Inbox
    {
        private readonly Dictionary<string, List<Delivery>> _byId = [];

        public void Add(string id, Delivery delivery)
        {
            lock (_byId)
            {
                if (!_byId.TryGetValue(id, out var list)) _byId[id] = list = [];
                list.Add(delivery);
            }
        }

        public int Count(string id)
        {
            lock (_byId) return _byId.GetValueOrDefault(id)?.Count ?? 0;
        }

        public IReadOnlyList<Delivery> Snapshot(string id)
        {
            lock (_byId) return [.. _byId.GetValueOrDefault(id) ?? []];
        }

        public Task CountAsync(string id, int count, string expected) =>
            Eventually.HoldsAsync(() => Count(id) >= count, $"{expected} ({count})", () => $"{Count(id)}");
    }

    private abstract class Subscriber(string name) : IAsyncDisposable
    {
        public string Name => name;
        public Inbox Inbox { get; } = new();

        protected static Delivery Declared(JsonElement payload)
        {
            var result = payload.GetProperty("data").GetProperty("councilResultDeclared");
            return new Delivery(result.GetProperty("id").GetString()!, result.GetProperty("version").GetInt32(),
                result.TryGetProperty("updatedAt", out var at) ? at.GetString()! : "");
        }

        public abstract ValueTask DisposeAsync();
    }

    /// <summary>A graphql-transport-ws connection with several subscriptions, each acknowledged before it returns.</summary>
    private sealed class WebSocketSubscriber : Subscriber
    {
        private readonly GraphQLSocket _socket;
        private readonly Task _reading;
        private readonly List<string> _totals = [];
        private readonly TaskCompletionSource _acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private WebSocketSubscriber(string name, GraphQLSocket socket) : base(name)
        {
            _socket = socket;
            _reading = ReadAsync();
        }

        /// <summary>Each totals message, canonical.</summary>
        public IReadOnlyList<string> Totals
        {
            get
            {
                lock (_totals) return [.. _totals];
            }
        }

        public static async Task<WebSocketSubscriber> ConnectAsync(Uri endpoint, string name, params (string Id, string Query, object? Variables)[] subscriptions)
        {
            var socket = await GraphQLSocket.ReadyAsync(endpoint);
            foreach (var (id, query, variables) in subscriptions) await socket.SubscribeAsync(id, query, variables);
            await socket.SendAsync(new { type = "ping" });
            var subscriber = new WebSocketSubscriber(name, socket);
            await Eventually.ArrivesAsync(subscriber._acknowledged.Task.WaitAsync, $"{name}: the pong acknowledging its subscriptions");
            return subscriber;
        }

        private async Task ReadAsync()
        {
            while (await _socket.ReceiveAsync(CancellationToken.None) is { } message)
            {
                var type = message.GetProperty("type").GetString();
                if (type == "pong") _acknowledged.TrySetResult();
                if (type != "next") continue;
                var id = message.GetProperty("id").GetString()!;
                var payload = message.GetProperty("payload");
                if (id != "totals") Inbox.Add(id, Declared(payload));
                else lock (_totals) _totals.Add(Canonical(payload));
            }
        }

        private static string Canonical(JsonElement payload) =>
            string.Join(";", payload.GetProperty("data").GetProperty("partyTotalsChanged").EnumerateArray().Select(t =>
                $"{t.GetProperty("partyCode").GetString()}:{t.GetProperty("seatsWon")}:{t.GetProperty("seatsChange")}:{t.GetProperty("councilsControlled")}"));

        public override async ValueTask DisposeAsync()
        {
            await _socket.DisposeAsync();
            await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>A graphql-sse stream: live once its headers have arrived.</summary>
    private sealed class EventStreamSubscriber : Subscriber
    {
        private readonly HttpClient _client;
        private readonly HttpResponseMessage _response;
        private readonly Task _reading;

        private EventStreamSubscriber(string name, HttpClient client, HttpResponseMessage response, Stream events) : base(name)
        {
            _client = client;
            _response = response;
            _reading = ReadAsync(new StreamReader(events));
        }

        public static async Task<EventStreamSubscriber> OpenAsync(Uri endpoint, string name, string query)
        {
            var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
                Headers = { Accept = { new MediaTypeWithQualityHeaderValue(EventStream.MediaType) } },
            };
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            return new EventStreamSubscriber(name, client, response, await response.Content.ReadAsStreamAsync());
        }

        private async Task ReadAsync(StreamReader events)
        {
            using (events)
            {
                while (await events.ReadLineAsync() is { } line)
                {
                    if (line.StartsWith("data: {")) Inbox.Add("all", Declared(JsonDocument.Parse(line["data: ".Length..]).RootElement));
                }
            }
        }

        public override async ValueTask DisposeAsync()
        {
            _response.Dispose();
            _client.Dispose();
            await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
