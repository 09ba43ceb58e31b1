using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsvHelper;
using ElectionGraph.Api.Transport;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Downloads;

/// <summary>
/// Every list downloads as CSV and JSON Lines, and each file holds exactly what the GraphQL list answers for the
/// same arguments, page after page: the CSV read back with CsvHelper, the JSON Lines line by line.
/// </summary>
public class DownloadTests(SeededApi seeded, MongoPipelines mongo) : IClassFixture<SeededApi>, IClassFixture<MongoPipelines>
{
    private const string Election = "electionId=local.2019-05-02";
    private readonly HttpClient _client = seeded.Api.CreateClient();

    /// <summary>Each list, its item type (for the GraphQL variables' types) and a download's query string (values as written, not yet encoded).</summary>
    public static TheoryData<string, string, string> Lists => new()
    {
        { "elections", "Election", """order=[{"date":"DESC"}]""" },
        { "parties", "Party", """where={"rollupCode":{"eq":"OTH"}}&order=[{"name":"ASC"}]""" },
        { "councils", "Council", """where={"nation":{"eq":"ENGLAND"}}&order=[{"region":"ASC"},{"name":"DESC"}]""" },
        { "councilResults", "CouncilResult", Election + """&where={"control":{"changed":{"eq":true}}}&order=[{"council":{"region":"ASC"}}]""" },
        { "seatChanges", "SeatChange", Election + """&order=[{"partyCode":"ASC"},{"won":"DESC"}]""" }, // 1,339 rows: three pages
        { "seatChanges", "SeatChange", Election + """&where={"change":{"lt":0},"council":{"nation":{"eq":"ENGLAND"}}}&updatedSince=2019-01-01T00:00:00Z""" },
        { "mayoralties", "Mayoralty", Election + """&order=[{"areaName":"DESC"}]""" },
        { "mayoralCandidates", "MayoralCandidate", Election + """&where={"elected":{"eq":false}}&order=[{"firstRound":"DESC"}]""" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_CSV_download_holds_the_GraphQL_list_s_answer_for_the_same_arguments(string list, string type, string arguments)
    {
        using var response = await _client.GetAsync(Url($"{list}.csv", arguments));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var (header, rows) = ReadCsv(await response.Content.ReadAsByteArrayAsync());

        var nodes = await GraphQLAsync(list, type, arguments, Selection(header.Select(name => name.Split('.'))));

        Assert.Equal(nodes.Count, rows.Count);
        Assert.True(nodes.Count > 0, "an empty list proves nothing");
        for (var i = 0; i < rows.Count; i++)
            Assert.Equal(header.Select(column => Text(At(nodes[i], column))), rows[i]);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_JSON_Lines_download_holds_the_GraphQL_list_s_answer_for_the_same_arguments(string list, string type, string arguments)
    {
        using var response = await _client.GetAsync(Url($"{list}.jsonl", arguments));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Equal("", lines[^1]); // every line ends with a line break
        var rows = lines[..^1].Select(line => JsonDocument.Parse(line).RootElement).ToList();

        var nodes = await GraphQLAsync(list, type, arguments, Selection(rows));

        Assert.Equal(nodes.Count, rows.Count);
        Assert.True(nodes.Count > 0, "an empty list proves nothing");
        for (var i = 0; i < rows.Count; i++)
            Assert.True(JsonElement.DeepEquals(nodes[i], rows[i]), $"row {i}:\n{rows[i]}\nGraphQL:\n{nodes[i]}");
    }

    [Fact]
    public async Task On_MongoDB_a_download_is_the_list_s_pipeline_without_a_limit_read_through_one_cursor()
    {
        var pipelines = await mongo.OfDownload(Url("seatChanges.csv", Election + """&where={"partyCode":{"eq":"LAB"}}&order=[{"change":"ASC"}]"""));

        Assert.Equal(
            """offline.councilResults.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$project" : { "_v" : { "$map" : { "input" : "$seats", "as" : "s", "in" : { "_id" : { "$concat" : ["$_id", ":", "$$s.partyCode"] }, "electionId" : "$electionId", "partyCode" : "$$s.partyCode", "won" : "$$s.won", "change" : "$$s.change", "changeBasis" : "$$s.changeBasis", "totalAfter" : "$$s.totalAfter", "council" : "$council", "control" : "$control", "updatedAt" : "$updatedAt" } } }, "_id" : 0 } }, { "$unwind" : "$_v" }, { "$match" : { "_v.partyCode" : "LAB" } }, { "$project" : { "_id" : 0, "_document" : "$$ROOT", "_key1" : { "$eq" : ["$_v.change", null] } } }, { "$sort" : { "_key1" : 1, "_document._v.change" : 1, "_document._v._id" : 1 } }, { "$replaceRoot" : { "newRoot" : "$_document" } }])""",
            Assert.Single(pipelines));
    }

    [Fact]
    public async Task The_CSV_columns_are_named_flattened_and_documented_with_the_licence()
    {
        using var download = await _client.GetAsync(Url("seatChanges.csv", Election));
        using var readme = await _client.GetAsync("/downloads/README.md");
        var text = await readme.Content.ReadAsStringAsync();

        var (header, _) = ReadCsv(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(["id", "electionId", "partyCode", "won", "change", "changeBasis", "totalAfter", "council.code", "council.name", "council.region",
            "council.type", "council.nation", "control.before", "control.after", "control.changed", "updatedAt"], header);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("seatChanges-local.2019-05-02.csv", download.Content.Headers.ContentDisposition.FileName);
        var links = download.Headers.GetValues("Link").Single();
        Assert.Contains("<https://creativecommons.org/licenses/by-sa/4.0/>; rel=\"license\"", links);
        Assert.Contains("</downloads/README.md>; rel=\"describedby\"", links);

        Assert.Equal("text/markdown", readme.Content.Headers.ContentType!.MediaType);
        Assert.Contains("CC BY-SA 4.0", text);
        Assert.Contains("Local Elections Archive Project", text);
        foreach (var (list, _, arguments) in Lists.Select(row => ((string)row[0], (string)row[1], (string)row[2])))
        {
            using var file = await _client.GetAsync(Url($"{list}.csv", arguments));
            var section = text[text.IndexOf($"\n## {list}\n", StringComparison.Ordinal)..];
            foreach (var column in ReadCsv(await file.Content.ReadAsByteArrayAsync()).Header)
                Assert.Contains($"| `{column}` |", section[..(section.IndexOf("\n## ", 4, StringComparison.Ordinal) is > 0 and var end ? end : section.Length)]);
        }
    }

    [Fact]
    public async Task A_filtered_download_is_named_so_and_an_unknown_list_is_not_a_file()
    {
        using var filtered = await _client.GetAsync(Url("councilResults.jsonl", Election + """&where={"council":{"nation":{"eq":"ENGLAND"}}}"""));
        using var plain = await _client.GetAsync("/downloads/parties.csv");

        Assert.Equal("councilResults-local.2019-05-02-filtered.jsonl", filtered.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("parties.csv", plain.Content.Headers.ContentDisposition!.FileName);
    }

    public static TheoryData<string, HttpStatusCode, string> Refusals => new()
    {
        { "/downloads/nope.csv", HttpStatusCode.NotFound, "UNKNOWN_LIST" },
        { "/downloads/apiKeys.csv", HttpStatusCode.NotFound, "UNKNOWN_LIST" }, // a list of the schema, but no connection: not a download
        { "/downloads/councils.xlsx", HttpStatusCode.NotFound, "UNKNOWN_FORMAT" },
        { "/downloads/councilResults.csv", HttpStatusCode.BadRequest, "PROVIDED_NON_NULL_ARGUMENTS" },
        { Url("councils.csv", "first=10"), HttpStatusCode.BadRequest, "UNKNOWN_ARGUMENT" },
        { Url("councils.csv", "where={\"name\":"), HttpStatusCode.BadRequest, "INVALID_JSON" },
        { Url("councils.csv", """where={"nope":{"eq":1}}"""), HttpStatusCode.BadRequest, "INVALID_VALUE" },
        { Url("councils.csv", """order=[{"name":"SIDEWAYS"}]"""), HttpStatusCode.BadRequest, "INVALID_VALUE" },
        { Url("councils.csv", """where={"name":{"in":[""" + string.Join(',', Enumerable.Range(0, 1001).Select(i => $"\"c{i}\"")) + "]}}"), HttpStatusCode.BadRequest, "FILTER_LIST_TOO_LONG" },
        { Url("councils.csv", "where=" + Nested(7)), HttpStatusCode.BadRequest, "FILTER_TOO_DEEP" },
        { Url("councils.csv", "order=[" + string.Join(',', Enumerable.Repeat("""{"name":"ASC"}""", 7)) + "]"), HttpStatusCode.BadRequest, "SORT_TOO_LARGE" },
        { Url("councils.csv", "where=" + new string('[', 40) + new string(']', 40)), HttpStatusCode.BadRequest, "VARIABLES_TOO_DEEP" },
        { "/downloads/councils.csv?order=[]&order=[]", HttpStatusCode.BadRequest, "INVALID_REQUEST" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Bad_input_is_refused_with_a_coded_error_before_anything_is_sent(string url, HttpStatusCode status, string code)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(MediaTypes.Json, response.Content.Headers.ContentType!.MediaType);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(error.TryGetProperty("locations", out _)); // positions in a document the caller never wrote
    }

    [Fact]
    public async Task A_download_is_tagged_with_the_data_version_and_a_current_tag_is_304()
    {
        await Eventually.HoldsAsync(() => seeded.Api.Services.GetRequiredService<DataVersion>().Current is not null, "the data version (ETags)", () => "none");
        var url = Url("councils.csv", """where={"nation":{"eq":"ENGLAND"}}""");

        using var first = await _client.GetAsync(url);
        using var again = await Conditional(url, first.Headers.ETag!);
        using var otherFormat = await _client.GetAsync(url.Replace(".csv", ".jsonl"));
        using var otherFilter = await _client.GetAsync(Url("councils.csv", """where={"nation":{"eq":"NORTHERN_IRELAND"}}"""));

        Assert.NotNull(first.Headers.ETag);
        Assert.Equal("public", first.Headers.CacheControl!.Public ? "public" : null);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.NotEqual(first.Headers.ETag, otherFormat.Headers.ETag);
        Assert.NotEqual(first.Headers.ETag, otherFilter.Headers.ETag);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task A_download_is_compressed_when_asked_and_holds_the_same_file(string encoding)
    {
        var url = Url("seatChanges.csv", Election);
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { AcceptEncoding = { new StringWithQualityHeaderValue(encoding) } } };

        using var compressed = await _client.SendAsync(request);
        using var plain = await _client.GetAsync(url);

        Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        await using var body = await compressed.Content.ReadAsStreamAsync();
        await using Stream decompressed = encoding == "gzip" ? new GZipStream(body, CompressionMode.Decompress) : new BrotliStream(body, CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        await decompressed.CopyToAsync(bytes);
        var file = await plain.Content.ReadAsByteArrayAsync();
        Assert.Equal(file, bytes.ToArray());
        Assert.True(file.Length > 100_000, $"{file.Length} bytes");
    }

    /// <summary><c>{"and":[{"and":[… {"name":{"eq":"x"}} …]}]}</c>, <paramref name="levels"/> deep.</summary>
    private static string Nested(int levels) =>
        Enumerable.Range(0, levels - 1).Aggregate("""{"name":{"eq":"x"}}""", (inner, _) => $$"""{"and":[{{inner}}]}""");

    /// <summary>A download's URL: each value of the query string encoded.</summary>
    public static string Url(string file, string arguments) =>
        $"/downloads/{file}?" + string.Join('&', Arguments(arguments).Select(a => $"{a.Name}={Uri.EscapeDataString(a.Value)}"));

    private static IEnumerable<(string Name, string Value)> Arguments(string arguments) =>
        arguments.Split('&').Select(pair => (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]));

    private Task<HttpResponseMessage> Conditional(string url, EntityTagHeaderValue etag) =>
        _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { etag } } });

    public static (IReadOnlyList<string> Header, List<string[]> Rows) ReadCsv(byte[] file)
    {
        using var reader = CsvReader.Create(new MemoryStream(file), new CsvReaderOptions { Separator = ',', MalformedData = CsvMalformedDataHandling.Throw }, leaveOpen: false);
        reader.ReadHeader();
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(reader.Current.ToArray());
        return (reader.Headers.ToList(), rows);
    }

    /// <summary>Every node of the GraphQL list for the same arguments, page after page (at most 500 at a time).</summary>
    private async Task<List<JsonElement>> GraphQLAsync(string list, string type, string arguments, string selection)
    {
        var given = Arguments(arguments).ToList();
        var types = new Dictionary<string, string>
        {
            ["electionId"] = "ID!", ["where"] = $"{type}FilterInput", ["order"] = $"[{type}SortInput!]", ["updatedSince"] = "DateTime",
        };
        var query = $$"""
            query Download($after: String{{string.Concat(given.Select(a => $", ${a.Name}: {types[a.Name]}"))}}) {
              {{list}}(first: 500, after: $after{{string.Concat(given.Select(a => $", {a.Name}: ${a.Name}"))}}) {
                pageInfo { hasNextPage endCursor }
                nodes { {{selection}} }
              }
            }
            """;
        var nodes = new List<JsonElement>();
        string? after = null;
        do
        {
            var variables = given.ToDictionary(a => a.Name, object? (a) => a.Name is "where" or "order" ? JsonDocument.Parse(a.Value).RootElement : a.Value);
            variables["after"] = after;
            var page = (await seeded.Api.QueryAsync(query, variables)).GetProperty(list);
            nodes.AddRange(page.GetProperty("nodes").EnumerateArray());
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);
        return nodes;
    }

    /// <summary>A selection set from dotted paths (a CSV header): <c>council.code</c> becomes <c>council { code }</c>.</summary>
    private static string Selection(IEnumerable<string[]> paths) =>
        string.Join(' ', paths.GroupBy(p => p[0]).Select(g => g.Any(p => p.Length > 1) ? $"{g.Key} {{ {Selection(g.Select(p => p[1..]))} }}" : g.Key));

    /// <summary>A selection set covering every member of these JSON objects, nested objects and lists of objects included.</summary>
    private static string Selection(IEnumerable<JsonElement> objects) =>
        string.Join(' ', objects.SelectMany(o => o.EnumerateObject()).GroupBy(p => p.Name).Select(g =>
        {
            var inner = g.SelectMany(p => p.Value.ValueKind switch
            {
                JsonValueKind.Object => [p.Value],
                JsonValueKind.Array => p.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object),
                _ => [],
            }).ToList();
            return inner.Count > 0 ? $"{g.Key} {{ {Selection(inner)} }}" : g.Key;
        }));

    private static JsonElement At(JsonElement node, string path) =>
        path.Split('.').Aggregate(node, (value, name) => value.ValueKind == JsonValueKind.Null ? value : value.GetProperty(name));

    /// <summary>A GraphQL value as a CSV field holds it: text bare, numbers as written, lists joined by ';', null empty.</summary>
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(';', value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };
}
