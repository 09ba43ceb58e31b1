using ElectionGraph.Tests.Support;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Codes = ElectionGraph.Api.Subscriptions.WebSocketConnection.CloseCodes;

namespace ElectionGraph.Tests.Subscriptions;

/// <summary>The graphql-transport-ws protocol, message by message, and each close code it uses.</summary>
public sealed class WebSocketProtocolTests : IDisposable
{
    private const string Declared = """subscription { councilResultDeclared(electionId: "local.2019-05-02") { council { name } version } }""";
    private readonly TempDirectory _data = new();
    private readonly ApiFactory _api;

    public WebSocketProtocolTests() => _api = Api();

    private ApiFactory Api(string? folder = null, Dictionary<string, string>? extra = null) =>
        new(_data[folder ?? "api"], settings: new Dictionary<string, string>(ResultsDesk.PollingDay.Concat(extra ?? [])));

    [Fact]
    public async Task A_subscriber_gets_each_declaration_as_next_and_stops_with_complete()
    {
        await using var socket = await GraphQLSocket.ReadyAsync(_api);
        await socket.SubscribedAsync("s1", Declared);

        await new ResultsDesk(_api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(ResultsDesk.Declarable[0], "d-1") });
        var next = await socket.ReceiveAsync();
        await socket.SendAsync(new { id = "s1", type = "complete" });
        await socket.SendAsync(new { type = "ping" });
        var pong = await socket.ReceiveAsync();

        Assert.Equal("s1", next?.GetProperty("id").GetString());
        Assert.Equal("next", next?.GetProperty("type").GetString());
        var declared = next?.GetProperty("payload").GetProperty("data").GetProperty("councilResultDeclared");
        Assert.Equal((ResultsDesk.Declarable[0].Council.Name, 1),
            (declared?.GetProperty("council").GetProperty("name").GetString(), declared?.GetProperty("version").GetInt32()));
        Assert.Equal("pong", pong?.GetProperty("type").GetString());
        await Subscribed.NoneAsync(_api);
    }

    [Fact]
    public async Task A_query_runs_once_as_next_then_complete_and_an_invalid_operation_is_an_error_message()
    {
        await using var socket = await GraphQLSocket.ReadyAsync(_api);

        await socket.SubscribeAsync("q", "{ councils { totalCount } }");
        var next = await socket.ReceiveAsync();
        var complete = await socket.ReceiveAsync();
        await socket.SubscribeAsync("bad", "subscription { nope }");
        var error = await socket.ReceiveAsync();

        Assert.Equal("""{"councils":{"totalCount":259}}""", next?.GetProperty("payload").GetProperty("data").GetRawText());
        Assert.Equal(("q", "complete"), (complete?.GetProperty("id").GetString(), complete?.GetProperty("type").GetString()));
        Assert.Equal(("bad", "error"), (error?.GetProperty("id").GetString(), error?.GetProperty("type").GetString()));
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", error?.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_results_desk_declares_over_the_socket_with_its_key_and_anyone_else_is_refused()
    {
        await using var desk = await GraphQLSocket.ReadyAsync(_api, ResultsDesk.Key);
        await using var partner = await GraphQLSocket.ReadyAsync(_api);
        var mutation = new { query = ResultsDesk.Declare, variables = new { input = ResultsDesk.Input(ResultsDesk.Declarable[0], "d-ws") } };

        await partner.SendAsync(new { id = "m", type = "subscribe", payload = mutation });
        var refused = await partner.ReceiveAsync();
        await desk.SendAsync(new { id = "m", type = "subscribe", payload = mutation });
        var declared = await desk.ReceiveAsync();

        Assert.Equal("UNAUTHENTICATED", refused?.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(1, declared?.GetProperty("payload").GetProperty("data").GetProperty("declareCouncilResult").GetProperty("version").GetInt32());
    }

    public static TheoryData<string, int> Violations => new()
    {
        { "subprotocol not offered", Codes.SubprotocolNotAcceptable },
        { "no connection_init in time", Codes.InitialisationTimeout },
        { "connection_init twice", Codes.TooManyInitialisations },
        { "an unknown API key", Codes.Forbidden },
        { "subscribe before the ack", Codes.Unauthorized },
        { "a subscription id already in use", Codes.SubscriberExists },
        { "a message that is not JSON", Codes.BadRequest },
        { "a message of unknown type", Codes.BadRequest },
        { "a subscribe without a payload", Codes.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Each_protocol_violation_closes_with_its_code(string violation, int code)
    {
        using var api = Api("violations", new() { ["ElectionGraph:Subscriptions:ConnectionInitTimeoutSeconds"] = "1" });
        await using var socket = await GraphQLSocket.ConnectAsync(api, violation == "subprotocol not offered" ? null : "graphql-transport-ws");
        switch (violation)
        {
            case "connection_init twice":
                await socket.SendAsync(new { type = "connection_init" });
                await socket.SendAsync(new { type = "connection_init" });
                break;
            case "an unknown API key":
                await socket.SendAsync(new { type = "connection_init", payload = new { apiKey = "guess" } });
                break;
            case "subscribe before the ack":
                await socket.SubscribeAsync("s", Declared);
                break;
            case "a subscription id already in use":
                await socket.SendAsync(new { type = "connection_init" });
                await socket.SubscribeAsync("s", Declared);
                await socket.SubscribeAsync("s", Declared);
                break;
            case "a message that is not JSON":
                await socket.SendAsync(new { type = "connection_init" });
                await socket.SendTextAsync("{ not json");
                break;
            case "a message of unknown type":
                await socket.SendAsync(new { type = "connection_init" });
                await socket.SendAsync(new { type = "hello" });
                break;
            case "a subscribe without a payload":
                await socket.SendAsync(new { type = "connection_init" });
                await socket.SendAsync(new { id = "s", type = "subscribe" });
                break;
        }

        Assert.Equal(code, (await socket.ClosedAsync()).Code);
    }

    [Fact]
    public async Task A_server_failure_closes_with_4500()
    {
        using var api = Api("broken").WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.AddSingleton<IDocumentExecuter<ISchema>>(new FailingExecuter())));
        await using var socket = await GraphQLSocket.ReadyAsync(api);

        await socket.SubscribeAsync("s", Declared);

        Assert.Equal((Codes.InternalError, "Internal server error"), await socket.ClosedAsync());
    }

    [Fact]
    public async Task Shutting_down_closes_with_1001_so_clients_reconnect()
    {
        var api = Api("stopping");
        var socket = await GraphQLSocket.ReadyAsync(api);
        await socket.SubscribedAsync("s", Declared);

        var closed = socket.ClosedAsync();
        var stopping = Task.Run(api.Dispose);

        Assert.Equal(Codes.GoingAway, (await closed).Code);
        await stopping;
        await socket.DisposeAsync();
    }

    [Fact]
    public async Task A_subscriber_too_far_behind_is_closed_with_1013_to_catch_up()
    {
        // A client that reads nothing on a real socket, and large declarations: TCP's buffers fill, the server's
        // writer waits, the outbox overflows. Reading again, the client gets what was sent, then the close.
        using var live = LiveApi.With(new Dictionary<string, string>(ResultsDesk.PollingDay)
        {
            ["ElectionGraph:Subscriptions:OutboxCapacity"] = "2",
            ["ElectionGraph:Limits:MaxVariablesBytes"] = "1000000", // declarations with 400 KB of notes
        });
        await using var socket = await GraphQLSocket.ReadyAsync(live.Endpoint);
        await socket.SubscribedAsync("s", """subscription { councilResultDeclared(electionId: "local.2019-05-02") { notes } }""");
        var desk = new ResultsDesk(live.Api);
        var notes = new string('x', 400_000);

        foreach (var (result, i) in ResultsDesk.Declarable.Take(60).Select((r, i) => (r, i)))
        {
            var input = ResultsDesk.Input(result, $"big-{i}");
            input["notes"] = notes;
            await desk.SendAsync(ResultsDesk.Declare, new { input });
        }

        Assert.Equal(Codes.TryAgainLater, (await socket.ClosedAsync()).Code);
    }

    private sealed class FailingExecuter : IDocumentExecuter<ISchema>
    {
        public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options) => throw new InvalidOperationException("the executer is broken");
    }

    public void Dispose()
    {
        _api.Dispose();
        _data.Dispose();
    }
}
