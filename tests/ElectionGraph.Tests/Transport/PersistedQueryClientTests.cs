using System.Text.Json;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Transport;

/// <summary>
/// Automatic persisted queries with client libraries' own support (tests/interop/apq.mjs), set up as README's "For
/// partners" shows, against the API on 127.0.0.1: Apollo Client's persisted-query link and urql's persisted exchange.
/// </summary>
public class PersistedQueryClientTests(LiveApi live) : IClassFixture<LiveApi>
{
    [Theory]
    [InlineData("apollo", "POST")] // Apollo sends the text by POST…
    [InlineData("urql", "GET")] // …urql by GET, so that answer is cacheable too
    public async Task A_client_registers_a_query_by_its_hash_and_a_second_client_runs_it_by_hash_alone(string library, string retriedWith)
    {
        var calls = (await Node.ScriptAsync("apq.mjs", TimeSpan.FromMinutes(1), live.Endpoint.ToString(), library))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.True(calls.Count == 3, $"Expected three requests:\n{string.Join('\n', calls)}");
        var hash = calls[0].GetProperty("hash").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", hash);

        // A fresh client sends the hash alone; the server does not know it yet, and says so in Apollo's words.
        Assert.Equal((1, "GET", false, hash, 200), Request(calls[0]));
        Assert.Equal("private, no-cache, must-revalidate", calls[0].GetProperty("cacheControl").GetString());
        var error = Assert.Single(calls[0].GetProperty("body").GetProperty("errors").EnumerateArray());
        Assert.Equal("PersistedQueryNotFound", error.GetProperty("message").GetString());
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", error.GetProperty("extensions").GetProperty("code").GetString());

        // The client retries with the text and the hash: verified, remembered, answered.
        Assert.Equal((1, retriedWith, true, hash, 200), Request(calls[1]));
        var data = calls[1].GetProperty("body").GetProperty("data");
        Assert.Equal(Seed.Documents.Councils.Single(c => c.Id == "E07000170").Name, data.GetProperty("council").GetProperty("name").GetString());

        // A second fresh client: the hash alone is enough now.
        Assert.Equal((2, "GET", false, hash, 200), Request(calls[2]));
        Assert.Equal(data.GetRawText(), calls[2].GetProperty("body").GetProperty("data").GetRawText());
    }

    private static (int Client, string? Method, bool QuerySent, string? Hash, int Status) Request(JsonElement call) =>
        (call.GetProperty("client").GetInt32(), call.GetProperty("method").GetString(), call.GetProperty("querySent").GetBoolean(),
            call.GetProperty("hash").GetString(), call.GetProperty("status").GetInt32());
}
