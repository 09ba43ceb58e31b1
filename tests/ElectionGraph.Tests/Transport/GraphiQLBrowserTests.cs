using System.Net;
using System.Text.Json;
using ElectionGraph.Api.Transport;
using ElectionGraph.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Transport;

/// <summary>
/// The GraphiQL page in Debian's Chromium, its assets served from tests/interop's node_modules on 127.0.0.1
/// under the paths the page asks unpkg for.
/// </summary>
public class GraphiQLBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task GraphiQL_runs_its_default_query_in_a_browser_without_leaving_127_0_0_1()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (CI installs Debian's chromium): no browser to run GraphiQL in.");
        await using var assets = await StartAssetServerAsync();
        var assetBase = assets.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var live = LiveApi.With(new Dictionary<string, string> { ["ElectionGraph:Http:GraphiQLAssetBaseUrl"] = assetBase });

        var page = JsonDocument.Parse(await Node.ScriptAsync("graphiql.mjs", TimeSpan.FromMinutes(2), live.Endpoint.ToString())).RootElement;

        Assert.Empty(page.GetProperty("consoleErrors").EnumerateArray());
        var requests = page.GetProperty("requests").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains($"{assetBase}/graphiql@{GraphiQLPage.GraphiQLVersion}/graphiql.min.js", requests);
        // The default query asks for Labour's biggest loss of the night.
        var (council, change) = Seed.Documents.CouncilResults
            .Where(r => r.ElectionId == Seed.Election)
            .SelectMany(r => r.Seats.Where(s => s.PartyCode == "LAB" && s.Change is not null).Select(s => (r.Council.Name, Change: s.Change!.Value)))
            .MinBy(loss => loss.Change);
        var result = page.GetProperty("result").GetString()!;
        Assert.Contains($"\"name\": \"{council}\"", result);
        Assert.Contains($"\"change\": {change}", result);
    }

    /// <summary>unpkg's paths, <c>/{package}@{version}/{file}</c>, from the packages installed in tests/interop (the version must match).</summary>
    private static async Task<WebApplication> StartAssetServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var contentTypes = new FileExtensionContentTypeProvider();
        app.MapGet("/{package}@{version}/{**file}", (string package, string version, string file) =>
        {
            var folder = Repo.File($"tests/interop/node_modules/{package}");
            var path = Path.Combine(folder, file);
            var installed = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package.json"))).RootElement.GetProperty("version").GetString();
            return installed == version && File.Exists(path) && contentTypes.TryGetContentType(path, out var type)
                ? Results.File(path, type)
                : Results.NotFound();
        });
        await app.StartAsync();
        return app;
    }
}
