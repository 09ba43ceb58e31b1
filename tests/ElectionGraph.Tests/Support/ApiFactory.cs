using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using ElectionGraph.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Support;

/// <summary>
/// The API in process, on an embedded store in its own folder (seeded at start when empty), or on a
/// store a test provides.
/// </summary>
public sealed class ApiFactory(string dataDirectory, IDocumentStore? store = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ElectionGraph:DataDirectory", dataDirectory);
        // As instances behind one load balancer must: a cursor from one test's API continues on another's.
        builder.UseSetting("ElectionGraph:Cursors:Secret", "the tests' shared cursor secret");
        foreach (var (key, value) in Unbudgeted.Settings) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (store is not null) builder.ConfigureTestServices(services => services.AddSingleton(store));
    }

    /// <summary>An API on polling day (the desk's key configured) in a folder of its own under <paramref name="data"/>, with these settings on top.</summary>
    public static ApiFactory OnPollingDay(TempDirectory data, IEnumerable<(string Key, string Value)> settings) =>
        new(data[Guid.NewGuid().ToString("N")], settings: new Dictionary<string, string>(ResultsDesk.PollingDay)
            .Concat(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).ToDictionary());

    /// <summary>Posts a GraphQL request and returns the response's <c>data</c>, failing on any error.</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        var response = await PostAsync(new { query, variables });
        Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
        return response.GetProperty("data");
    }

    public async Task<JsonElement> PostAsync(object body)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/graphql", body);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>One seeded API shared by the tests of a class.</summary>
public sealed class SeededApi : IDisposable
{
    private readonly TempDirectory _data = new();

    public SeededApi() => Api = new ApiFactory(_data.Path);

    public ApiFactory Api { get; }

    public void Dispose()
    {
        Api.Dispose();
        _data.Dispose();
    }
}
