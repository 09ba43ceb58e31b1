using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ElectionGraph.Api.Transport.GraphiQL;
using ElectionGraph.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ElectionGraph.Tests.Transport;

/// <summary>
/// GraphiQL ships with the API: the page's files are the locked packages' own, with their licences, served from
/// versioned paths that may be cached for good; the page offers every partner example; a CDN only if configured.
/// </summary>
public class GraphiQLTests(SeededApi seeded) : IClassFixture<SeededApi>
{
    private readonly HttpClient _client = seeded.Api.CreateClient();

    [Fact]
    public async Task The_page_loads_its_files_from_the_API_which_serves_them_compressed_and_cacheable_for_good()
    {
        var assets = Regex.Matches(await PageAsync(seeded.Api), "(?:src|href)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Where(url => url != "data:,").ToList();

        Assert.Equal(
            [$"graphiql@{GraphiQLPage.GraphiQLVersion}/graphiql.min.css", $"react@{GraphiQLPage.ReactVersion}/umd/react.production.min.js",
                $"react-dom@{GraphiQLPage.ReactVersion}/umd/react-dom.production.min.js", $"graphiql@{GraphiQLPage.GraphiQLVersion}/graphiql.min.js"],
            assets.Select(url => url.StartsWith($"{GraphiQLAssets.Path}/") ? url[(GraphiQLAssets.Path.Length + 1)..] : url));
        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, asset) { Headers = { { "Accept-Encoding", "gzip" } } };
            using var response = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(asset.EndsWith(".css") ? "text/css" : "text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task The_files_shipped_are_exactly_the_locked_packages_with_their_licences_and_the_API_serves_each()
    {
        // graphiql-assets.mjs --check fails if a shipped file differs from what the locked packages hold.
        var shipped = JsonSerializer.Deserialize<string[]>(await Node.ScriptAsync("graphiql-assets.mjs", TimeSpan.FromMinutes(1), "--check"))!;

        Assert.Contains($"graphiql@{GraphiQLPage.GraphiQLVersion}/THIRD-PARTY-NOTICES.md", shipped);
        Assert.All(new[] { $"graphiql@{GraphiQLPage.GraphiQLVersion}", $"react@{GraphiQLPage.ReactVersion}", $"react-dom@{GraphiQLPage.ReactVersion}" },
            package => Assert.Contains($"{package}/LICENSE", shipped));
        foreach (var file in shipped)
        {
            Assert.Equal(
                await File.ReadAllBytesAsync(Repo.File($"src/ElectionGraph.Api/Transport/GraphiQL/assets/{file}")),
                await _client.GetByteArrayAsync($"{GraphiQLAssets.Path}/{file}"));
        }
    }

    [Fact]
    public async Task A_path_naming_a_version_not_shipped_is_not_found()
    {
        using var response = await _client.GetAsync($"{GraphiQLAssets.Path}/graphiql@3.8.2/graphiql.min.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_page_offers_every_partner_example_with_its_description()
    {
        var page = await PageAsync(seeded.Api);
        var json = Regex.Match(page, "<script id=\"examples\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var offered = JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("name").GetString(), e.GetProperty("description").GetString(), e.GetProperty("query").GetString())).ToList();

        var files = Directory.GetFiles(Repo.File("schema/examples"), "*.graphql").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files.Count, offered.Count);
        foreach (var (file, (name, description, query)) in files.Zip(offered))
        {
            var text = File.ReadAllText(file).ReplaceLineEndings("\n");
            Assert.Equal((Path.GetFileNameWithoutExtension(file), text), (name, query));
            // The leading comment, on one line.
            var comment = string.Concat(text.Split('\n').TakeWhile(line => line.StartsWith('#'))).Replace("#", "");
            Assert.Equal(WithoutSpace(comment), WithoutSpace(description!));
            Assert.DoesNotContain("\n", description);
        }
    }

    private static string WithoutSpace(string text) => Regex.Replace(text, @"\s", "");

    [Fact]
    public async Task A_CDN_with_unpkg_s_paths_may_stand_in_for_the_API_s_own_files()
    {
        using var data = new TempDirectory();
        using var api = new ApiFactory(data.Path, settings: new Dictionary<string, string> { ["ElectionGraph:Http:GraphiQLAssetBaseUrl"] = "https://unpkg.com" });

        Assert.Contains($"src=\"https://unpkg.com/graphiql@{GraphiQLPage.GraphiQLVersion}/graphiql.min.js\"", await PageAsync(api));
    }

    private static async Task<string> PageAsync(WebApplicationFactory<Program> api)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql") { Headers = { { "Accept", "text/html" } } };
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
