using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ElectionGraph.Api.Transport;
using ElectionGraph.Tests.Support;
using Codes = ElectionGraph.Api.Subscriptions.WebSocketConnection.CloseCodes;

namespace ElectionGraph.Tests.Limits;

/// <summary>Answers bounded in size on every transport, and variables bounded before anything reads them.</summary>
public sealed class AnswerLimitsTests : IDisposable
{
    private const string Small = "{ elections { totalCount } }";

    private readonly TempDirectory _data = new();
    private readonly ApiFactory _api;

    // The results map's answer is about 150 KB; variables of 20 KB still fit in a WebSocket message.
    public AnswerLimitsTests() => _api = new ApiFactory(_data.Path, settings: new Dictionary<string, string>
    {
        ["ElectionGraph:Limits:MaxResponseBytes"] = "20000",
        ["ElectionGraph:Limits:MaxVariablesBytes"] = "10000",
    });

    private async Task<HttpResponseMessage> Send(HttpMethod method, object body, string accept = MediaTypes.GraphQLResponse)
    {
        var json = JsonSerializer.Serialize(body);
        var request = method == HttpMethod.Get
            ? new HttpRequestMessage(method, $"/graphql?query={Uri.EscapeDataString(JsonDocument.Parse(json).RootElement.GetProperty("query").GetString()!)}")
            : new HttpRequestMessage(method, "/graphql") { Content = new StringContent(json, Encoding.UTF8, MediaTypes.Json) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await _api.CreateClient().SendAsync(request);
    }

    private static async Task<JsonElement> Body(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static void TooLarge(JsonElement answer)
    {
        Assert.False(answer.TryGetProperty("data", out _));
        var error = Assert.Single(answer.GetProperty("errors").EnumerateArray());
        Assert.Equal(("RESPONSE_TOO_LARGE", 20_000), (error.GetProperty("extensions").GetProperty("code").GetString(), error.GetProperty("extensions").GetProperty("maximum").GetInt32()));
        Assert.Equal(CostTests.ResultsMap, answer.GetProperty("extensions").GetProperty("cost").GetProperty("requested").GetInt64());
    }

    [Fact]
    public async Task An_answer_past_the_size_limit_is_a_coded_error_over_HTTP_and_never_cached()
    {
        using var modern = await Send(HttpMethod.Post, new { query = Documents.ResultsMap });
        using var legacy = await Send(HttpMethod.Post, new { query = Documents.ResultsMap }, MediaTypes.Json);
        using var get = await Send(HttpMethod.Get, new { query = Documents.ResultsMap });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.BadRequest), (modern.StatusCode, legacy.StatusCode, get.StatusCode));
        TooLarge(await Body(modern));
        TooLarge(await Body(legacy));
        TooLarge(await Body(get));
        Assert.Equal("no-store", get.Headers.CacheControl!.ToString());
        Assert.Null(get.Headers.ETag);
        Assert.Equal(1, (await _api.QueryAsync(Small)).GetProperty("elections").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_batch_shares_one_size_limit_and_only_the_answers_past_it_are_refused()
    {
        using var response = await Send(HttpMethod.Post, new object[] { new { query = Small }, new { query = Documents.ResultsMap }, new { query = Small } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = (await Body(response)).EnumerateArray().ToList();
        Assert.Equal(3, answers.Count);
        Assert.Equal(1, answers[0].GetProperty("data").GetProperty("elections").GetProperty("totalCount").GetInt32());
        TooLarge(answers[1]);
        Assert.Equal(1, answers[2].GetProperty("data").GetProperty("elections").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Over_a_WebSocket_an_answer_past_the_limit_is_a_next_with_the_error_then_complete()
    {
        await using var socket = await GraphQLSocket.ReadyAsync(_api);

        await socket.SubscribeAsync("map", Documents.ResultsMap);
        var next = await socket.ReceiveAsync();
        var complete = await socket.ReceiveAsync();
        await socket.SubscribeAsync("small", Small);
        var small = await socket.ReceiveAsync();

        Assert.Equal(("map", "next"), (next?.GetProperty("id").GetString(), next?.GetProperty("type").GetString()));
        TooLarge(next!.Value.GetProperty("payload"));
        Assert.Equal("complete", complete?.GetProperty("type").GetString());
        Assert.Equal(1, small?.GetProperty("payload").GetProperty("data").GetProperty("elections").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Over_SSE_an_answer_past_the_limit_is_a_next_event_with_the_error()
    {
        using var response = await Send(HttpMethod.Post, new { query = Documents.ResultsMap }, "text/event-stream");
        var events = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = events.Split('\n').First(line => line.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
        TooLarge(JsonDocument.Parse(data).RootElement);
        Assert.Contains("event: complete", events);
    }

    public static TheoryData<string, object> Variables => new()
    {
        { "VARIABLES_TOO_LARGE", new { name = new string('x', 20_000) } },
        { "VARIABLES_TOO_DEEP", JsonSerializer.Deserialize<JsonElement>("{\"where\":" + string.Concat(Enumerable.Repeat("{\"and\":[", 20)) + "{}" + string.Concat(Enumerable.Repeat("]}", 20)) + "}") },
    };

    [Theory]
    [MemberData(nameof(Variables))]
    public async Task Variables_past_the_limits_are_refused_before_they_are_read(string code, object variables)
    {
        const string query = "query($where: CouncilFilterInput, $name: String) { councils(where: $where) { totalCount } }";
        using var post = await Send(HttpMethod.Post, new { query, variables });
        using var client = _api.CreateClient();
        using var get = await client.GetAsync($"/graphql?query={Uri.EscapeDataString(query)}&variables={Uri.EscapeDataString(JsonSerializer.Serialize(variables))}");
        await using var socket = await GraphQLSocket.ReadyAsync(_api);
        await socket.SubscribeAsync("v", query, variables);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (post.StatusCode, get.StatusCode));
        Assert.Equal([code], EveryTransport.Codes((await Body(post)).GetProperty("errors")));
        Assert.Equal([code], EveryTransport.Codes((await Body(get)).GetProperty("errors")));
        // A WebSocket message the transport cannot take closes the socket, as any invalid message does.
        var (closed, reason) = await socket.ClosedAsync();
        Assert.Equal(Codes.BadRequest, closed);
        Assert.Contains("variables", reason);
        Assert.Equal(1, (await _api.QueryAsync(Small)).GetProperty("elections").GetProperty("totalCount").GetInt32());
    }

    public void Dispose()
    {
        _api.Dispose();
        _data.Dispose();
    }
}
