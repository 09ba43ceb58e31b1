using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ElectionGraph.Api.Transport;
using ElectionGraph.Api.Transport.GraphiQL;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage;
using ElectionGraph.Tests.Support;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Tests.Transport;

/// <summary>GraphQL over HTTP as partners' clients and CDNs see it.</summary>
public class HttpTests(SeededApi seeded) : IClassFixture<SeededApi>
{
    private const string Elections = "{ elections { totalCount } }";
    private readonly HttpClient _client = seeded.Api.CreateClient(new() { AllowAutoRedirect = false });

    private static StringContent Json(object body, string contentType = "application/json") =>
        new(JsonSerializer.Serialize(body), Encoding.UTF8, contentType);

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<HttpResponseMessage> Post(object body, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Json(body) };
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return await _client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> Get(string query, string? ifNoneMatch = null, string accept = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/graphql?query={Uri.EscapeDataString(query)}");
        request.Headers.Accept.ParseAdd(accept);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        return await _client.SendAsync(request);
    }

    [Fact]
    public async Task The_response_media_type_follows_Accept_and_request_errors_are_400_only_in_the_new_one()
    {
        using var modern = await Post(new { query = "{ nope }" }, MediaTypes.GraphQLResponse);
        using var legacy = await Post(new { query = "{ nope }" }, MediaTypes.Json);
        using var anything = await Post(new { query = Elections }, "*/*");

        Assert.Equal((HttpStatusCode.BadRequest, MediaTypes.GraphQLResponse), (modern.StatusCode, modern.Content.Headers.ContentType!.MediaType));
        Assert.False((await Body(modern)).TryGetProperty("data", out _));
        Assert.Equal((HttpStatusCode.OK, MediaTypes.Json), (legacy.StatusCode, legacy.Content.Headers.ContentType!.MediaType));
        Assert.Equal("utf-8", anything.Content.Headers.ContentType!.CharSet);
        Assert.Equal(1, (await Body(anything)).GetProperty("data").GetProperty("elections").GetProperty("totalCount").GetInt32());
    }

    [Theory]
    // urql's Accept on every request: it can read a stream, but wants JSON.
    [InlineData("application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed", MediaTypes.GraphQLResponse)]
    [InlineData("text/event-stream;q=0.5, application/json", MediaTypes.Json)]
    [InlineData("text/event-stream, application/json", "text/event-stream")]
    [InlineData("application/json;q=0.5, text/event-stream", "text/event-stream")]
    public async Task A_query_is_streamed_only_to_a_client_that_prefers_a_stream(string accept, string answered)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = Json(new { query = Elections }),
            Headers = { { "Accept", accept } },
        }, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal((HttpStatusCode.OK, answered), (response.StatusCode, response.Content.Headers.ContentType!.MediaType));
        Assert.Contains("\"totalCount\":1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requests_the_transport_cannot_take_get_the_right_status_and_a_coded_error()
    {
        using var notAcceptable = await Post(new { query = Elections }, "text/plain");
        using var wrongType = await _client.PostAsync("/graphql", Json(new { query = Elections }, "text/plain"));
        using var notJson = await _client.PostAsync("/graphql", new StringContent("{ query", Encoding.UTF8, "application/json"));
        using var wrongVariables = await Post(new { query = Elections, variables = "{}" });

        Assert.Equal(HttpStatusCode.NotAcceptable, notAcceptable.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongVariables.StatusCode);
        Assert.Equal(
            ("NOT_ACCEPTABLE", "UNSUPPORTED_MEDIA_TYPE", "INVALID_JSON", "INVALID_REQUEST"),
            (await Code(notAcceptable), await Code(wrongType), await Code(notJson), await Code(wrongVariables)));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_by_its_length_or_while_it_streams_in()
    {
        using var data = new TempDirectory();
        using var api = new ApiFactory(data.Path, settings: new Dictionary<string, string> { ["ElectionGraph:Http:MaxBodyBytes"] = "1000" });
        using var client = api.CreateClient();
        var body = JsonSerializer.SerializeToUtf8Bytes(new { query = "{ elections { totalCount } }" + new string(' ', 2000) });

        using var declared = await client.PostAsync("/graphql", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
        using var streamed = await client.PostAsync("/graphql", new UnknownLength(body) { Headers = { ContentType = new("application/json") } });

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge), (declared.StatusCode, streamed.StatusCode));
        Assert.Equal(("REQUEST_TOO_LARGE", "REQUEST_TOO_LARGE"), (await Code(declared), await Code(streamed)));
    }

    /// <summary>A body sent in pieces without a Content-Length, as a client streaming it would.</summary>
    private sealed class UnknownLength(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            foreach (var piece in body.Chunk(100)) await stream.WriteAsync(piece);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task A_body_opening_with_a_byte_order_mark_is_read_as_without_one()
    {
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { query = Elections }));
        using var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. json]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _client.PostAsync("/graphql", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await Body(response)).GetProperty("data").GetProperty("elections").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_mutation_over_GET_is_405_with_Allow_POST()
    {
        using var response = await Get("mutation { __typename }");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Equal("METHOD_NOT_ALLOWED", await Code(response));
    }

    [Fact]
    public async Task A_subscription_over_plain_HTTP_is_pointed_at_a_stream()
    {
        using var response = await Post(new { query = """subscription { councilResultDeclared(electionId: "local.2019-05-02") { id } }""" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("SUBSCRIPTION_NEEDS_STREAM", await Code(response));
    }

    [Fact]
    public async Task A_batch_is_answered_in_order_up_to_its_limit()
    {
        using var batch = await Post(new object[] { new { query = Elections }, new { query = "{ nope }" }, new { query = "{ party(code: \"LD\") { shortName } }" } });
        using var tooBig = await Post(Enumerable.Repeat(new { query = Elections }, 11).ToArray());

        var answers = (await Body(batch)).EnumerateArray().ToList();
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal(3, answers.Count);
        Assert.Equal(1, answers[0].GetProperty("data").GetProperty("elections").GetProperty("totalCount").GetInt32());
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", answers[1].GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("Lib Dem", answers[2].GetProperty("data").GetProperty("party").GetProperty("shortName").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
    }

    [Fact]
    public async Task A_repeated_GET_is_304_and_its_ETag_moves_when_the_data_changes()
    {
        using var data = new TempDirectory();
        using var api = new ApiFactory(data.Path);
        using var client = api.CreateClient();
        await api.Services.GetRequiredService<DataVersion>().Ready;
        const string path = "/graphql?query=%7B%20council(code%3A%20%22E08000001%22)%20%7B%20results%20%7B%20notes%20%7D%20%7D%20%7D";

        using var first = await client.GetAsync(path);
        var etag = first.Headers.ETag!;
        using var again = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { IfNoneMatch = { etag } } });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("public, max-age=10, stale-while-revalidate=30", first.Headers.CacheControl!.ToString());
        Assert.Contains("Accept", first.Headers.Vary);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag);

        // A declaration (here a stored correction) changes the data version, so the same GET is no longer 304.
        var results = api.Services.GetRequiredService<IDocumentStore>().Collection<CouncilResult>();
        var bolton = results.Query().Single(r => r.Council.Code == "E08000001");
        await results.UpsertAsync(bolton with { Notes = "corrected" }, bolton.Version);
        HttpResponseMessage after;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            after = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { IfNoneMatch = { etag } } });
        }
        while (after.StatusCode == HttpStatusCode.NotModified && DateTime.UtcNow < deadline && await Task.Delay(20).ContinueWith(_ => true));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag);
        Assert.Contains("corrected", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GET_answers_with_errors_are_not_cacheable()
    {
        using var response = await Get("{ nope }");

        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Null(response.Headers.ETag);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Answers_are_compressed_when_asked(string encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Json(new { query = "{ councils(first: 500) { nodes { name region } } }" }) };
        request.Headers.AcceptEncoding.ParseAdd(encoding);

        using var response = await _client.SendAsync(request);

        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_cached_document_still_checks_each_requests_variables()
    {
        const string query = "query One($code: ID!) { council(code: $code) { name } }";

        using var valid = await Post(new { query, variables = new { code = "E07000170" } });
        using var invalid = await Post(new { query, variables = new { code = (string?)null } });

        Assert.Equal("Ashfield", (await Body(valid)).GetProperty("data").GetProperty("council").GetProperty("name").GetString());
        Assert.Equal("INVALID_VALUE", await Code(invalid));
    }

    [Fact]
    public async Task Browsers_get_GraphiQL_and_tools_get_the_SDL()
    {
        var page = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");

        using var html = await _client.SendAsync(page);
        using var sdl = await _client.GetAsync("/graphql/schema.graphql");

        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"/graphql/assets/graphiql@{GraphiQLPage.GraphiQLVersion}/graphiql.min.js", await html.Content.ReadAsStringAsync());
        Assert.Equal(File.ReadAllText(Repo.File("schema/schema.graphql")).ReplaceLineEndings("\n"), await sdl.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_the_caller_may_choose()
    {
        var chosen = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Json(new { query = Elections }) };
        chosen.Headers.Add(RequestId.Header, "partner-42.abc");
        var unsafeId = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Json(new { query = Elections }) };
        unsafeId.Headers.Add(RequestId.Header, "<script>");

        using var own = await _client.SendAsync(chosen);
        using var replaced = await _client.SendAsync(unsafeId);

        Assert.Equal(["partner-42.abc"], own.Headers.GetValues(RequestId.Header));
        Assert.NotEqual("<script>", Assert.Single(replaced.Headers.GetValues(RequestId.Header)));
    }

    [Fact]
    public void The_socket_transport_takes_the_whole_results_map_before_a_request_waits_for_its_client()
    {
        var sockets = seeded.Api.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;

        // The map is 97 KB: at the transport's own 64 KB its every request waited for the send.
        Assert.Equal(256 * 1024, sockets.MaxWriteBufferSize);
    }

    private static async Task<string?> Code(HttpResponseMessage response) =>
        (await Body(response)).GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();
}
