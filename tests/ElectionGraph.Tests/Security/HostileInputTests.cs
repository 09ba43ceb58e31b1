using System.Net;
using System.Text;
using System.Text.Json;
using ElectionGraph.Storage;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Codes = ElectionGraph.Api.Subscriptions.WebSocketConnection.CloseCodes;

namespace ElectionGraph.Tests.Security;

/// <summary>
/// What a hostile or careless client sends, as bytes on the wire: each request gets its own status and code,
/// the store is left exactly as it was (each case asks the desk's mutation to write), and a normal query is
/// answered at once afterwards. Hostile documents (alias, fragment and directive floods, fragment cycles,
/// deep nesting, repeated introspection) are in <c>Limits/HostileDocumentTests.cs</c>, on every transport.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Declare = "mutation ($input: DeclareCouncilResultInput!) { declareCouncilResult(input: $input) { id } }";
    private readonly TempDirectory _data = new();
    private readonly ApiFactory _api;

    public HostileInputTests() => _api = new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay);

    private static Dictionary<string, object?> Input(string notes = "hostile")
    {
        var input = ResultsDesk.Input(ResultsDesk.Declarable[0], "hostile");
        input["notes"] = notes;
        return input;
    }

    private static string Json(object body) => JsonSerializer.Serialize(body);

    private static object Nested(int depth) => depth == 0 ? 1 : new Dictionary<string, object> { ["a"] = Nested(depth - 1) };

    public static TheoryData<string, string, int, string> Bodies => new()
    {
        { "not JSON", Json(new { query = Declare, variables = new { input = Input() } })[..^10], 400, "INVALID_JSON" },
        { "invalid UTF-8", "", 400, "INVALID_JSON" }, // the bytes are made below
        { "a query that is not a string", Json(new { query = 42 }), 400, "INVALID_REQUEST" },
        { "variables that are not a map", Json(new { query = Declare, variables = "input" }), 400, "INVALID_REQUEST" },
        { "a variable of the wrong type", Json(new { query = Declare, variables = new { input = 42 } }), 400, "INVALID_VALUE" },
        { "a huge string in the variables", Json(new { query = Declare, variables = new { input = Input(new string('x', 70_000)) } }), 400, "VARIABLES_TOO_LARGE" },
        { "a huge string in the document", Json(new { query = $"mutation {{ declareCouncilResult(input: {{ notes: \"{new string('x', 70_000)}\" }}) {{ id }} }}" }), 400, "DOCUMENT_TOO_LARGE" },
        { "variables nested past the limit", Json(new { query = Declare, variables = new { input = Nested(40) } }), 400, "VARIABLES_TOO_DEEP" },
        { "a body past the size limit", Json(new { query = Declare, padding = new string(' ', 1_100_000) }), 413, "REQUEST_TOO_LARGE" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_hostile_body_gets_its_own_status_and_code_writes_nothing_and_the_next_query_is_answered(string what, string body, int status, string code)
    {
        var store = _api.Services.GetRequiredService<IDocumentStore>();
        var before = StoreContents.Of(store);
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ResultsDesk.Key);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/graphql-response+json");
        var bytes = what == "invalid UTF-8" ? [.. "{\"query\": \"{ councils { totalCount } }\", \"operationName\": \""u8, 0xC3, 0x28, .. "\"}"u8] : Encoding.UTF8.GetBytes(body);

        using var response = await client.PostAsync("/graphql", new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } });

        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((status, code), ((int)response.StatusCode, answer.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()));
        Assert.Equal(before, StoreContents.Of(store));
        Assert.Equal(259, (await _api.QueryAsync("{ councils { totalCount } }")).GetProperty("councils").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_thousand_idle_sockets_are_closed_at_the_initialisation_timeout_while_queries_are_answered_meanwhile()
    {
        using var api = new ApiFactory(_data["idle"], settings: new Dictionary<string, string>(ResultsDesk.PollingDay)
        {
            ["ElectionGraph:Subscriptions:ConnectionInitTimeoutSeconds"] = "2",
        });
        var sockets = new List<GraphQLSocket>();
        for (var i = 0; i < 1000; i++) sockets.Add(await GraphQLSocket.ConnectAsync(api));

        Assert.Equal(259, (await api.QueryAsync("{ councils { totalCount } }")).GetProperty("councils").GetProperty("totalCount").GetInt32());
        var closed = await Task.WhenAll(sockets.Select(s => s.ClosedAsync()));

        Assert.All(closed, close => Assert.Equal(Codes.InitialisationTimeout, close.Code));
        foreach (var socket in sockets) await socket.DisposeAsync();
        await using var fresh = await GraphQLSocket.ReadyAsync(api);
        await fresh.SubscribedAsync("s", Subscribed.Declarations);
    }

    [Fact]
    public async Task A_flood_of_connection_init_closes_that_socket_only()
    {
        await using var other = await GraphQLSocket.ReadyAsync(_api);
        await using var flooding = await GraphQLSocket.ConnectAsync(_api);

        for (var i = 0; i < 100; i++) await flooding.SendAsync(new { type = "connection_init" });

        Assert.Equal(Codes.TooManyInitialisations, (await flooding.ClosedAsync()).Code);
        await other.SubscribedAsync("s", Subscribed.Declarations);
    }

    [Fact]
    public async Task A_WebSocket_message_that_is_not_UTF_8_closes_that_socket_with_4400()
    {
        await using var socket = await GraphQLSocket.ReadyAsync(_api);

        await socket.SendBytesAsync([.. "{\"type\":\"ping\",\"x\":\""u8, 0xC3, 0x28, .. "\"}"u8]);

        Assert.Equal(Codes.BadRequest, (await socket.ClosedAsync()).Code);
        Assert.Equal(259, (await _api.QueryAsync("{ councils { totalCount } }")).GetProperty("councils").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task An_oversized_WebSocket_message_closes_that_socket_with_1009_and_writes_nothing()
    {
        var store = _api.Services.GetRequiredService<IDocumentStore>();
        var before = StoreContents.Of(store);
        await using var socket = await GraphQLSocket.ReadyAsync(_api, ResultsDesk.Key);

        await socket.SendAsync(new { id = "big", type = "subscribe", payload = new { query = Declare, variables = new { input = Input(new string('x', 200_000)) } } });

        Assert.Equal(Codes.MessageTooBig, (await socket.ClosedAsync()).Code);
        Assert.Equal(before, StoreContents.Of(store));
        Assert.Equal(259, (await _api.QueryAsync("{ councils { totalCount } }")).GetProperty("councils").GetProperty("totalCount").GetInt32());
    }

    public void Dispose()
    {
        _api.Dispose();
        _data.Dispose();
    }
}
