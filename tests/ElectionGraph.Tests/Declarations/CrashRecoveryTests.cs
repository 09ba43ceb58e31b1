using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using ElectionGraph.Domain.Results;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Declarations;

/// <summary>
/// The API process killed (SIGKILL) while several desks declare and correct, at three points, restarted each
/// time on the same data: every acknowledged declaration is there whole, exactly as acknowledged (or as a later
/// acknowledged version), and nothing was stored that was not acknowledged but the writes in flight at the kill.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Desks = 4, CouncilsPerDesk = 5, AcknowledgementsPerKill = 40, KillPoints = 3;

    private const string Stored = """
        fragment Stored on CouncilResult { id version notes declaredAt seatsUp totalSeats control { before after changed } seats { partyCode won change } updatedAt }
        """;

    private const string Declare = "mutation Declare($input: DeclareCouncilResultInput!) { declareCouncilResult(input: $input) { ...Stored } } " + Stored;
    private const string Correct = "mutation Correct($input: CorrectCouncilResultInput!) { correctCouncilResult(input: $input) { ...Stored } } " + Stored;

    private static readonly DateTime Night = new(2019, 5, 2, 23, 0, 0, DateTimeKind.Utc);

    private readonly TempDirectory _data = new();

    /// <summary>Each council's latest acknowledged version, as the API answered it.</summary>
    private readonly ConcurrentDictionary<string, Acknowledged> _acknowledged = new();

    /// <summary>The version each council's desk has sent and not yet seen answered.</summary>
    private readonly ConcurrentDictionary<string, int> _inFlight = new();

    private sealed record Acknowledged(int Version, string Json);

    [Fact]
    public async Task Declarations_acknowledged_through_the_API_survive_three_SIGKILLs_whole_and_nothing_else_is_stored_but_writes_in_flight()
    {
        var councils = ResultsDesk.Declarable.Take(Desks * CouncilsPerDesk).ToList();
        for (var kill = 1; kill <= KillPoints; kill++)
        {
            await using var api = await ApiProcess.StartAsync(_data.Path, ResultsDesk.PollingDay);
            await AssertStoredAsync(api, councils);

            var acknowledged = 0;
            var desks = Enumerable.Range(0, Desks)
                .Select(desk => DeclareAsync(api.Endpoint, councils.Where((_, i) => i % Desks == desk).ToList(), () => Interlocked.Increment(ref acknowledged)))
                .ToList();
            await Eventually.HoldsAsync(() => Volatile.Read(ref acknowledged) >= AcknowledgementsPerKill || desks.Any(d => d.IsFaulted),
                $"{AcknowledgementsPerKill} acknowledgements", () => $"{acknowledged}");
            await api.KillAsync();
            await Task.WhenAll(desks);
        }

        await using var restarted = await ApiProcess.StartAsync(_data.Path, ResultsDesk.PollingDay);
        await AssertStoredAsync(restarted, councils);
    }

    /// <summary>One desk: declares its councils, then corrects them round and round, until the server is gone.</summary>
    private async Task DeclareAsync(Uri endpoint, IReadOnlyList<CouncilResult> councils, Action acknowledged)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", ResultsDesk.Key);
        try
        {
            while (true)
            {
                foreach (var council in councils)
                {
                    var version = (_acknowledged.TryGetValue(council.Id, out var last) ? last.Version : 0) + 1;
                    var input = ResultsDesk.Input(council, $"{council.Id} v{version}", version == 1 ? null : version - 1);
                    input["notes"] = Notes(council.Id, version);
                    input["declaredAt"] = DeclaredAt(version);
                    _inFlight[council.Id] = version;
                    using var response = await http.PostAsJsonAsync(endpoint, new { query = version == 1 ? Declare : Correct, variables = new { input } });
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
                    _acknowledged[council.Id] = new Acknowledged(version, body.GetProperty("data").EnumerateObject().Single().Value.GetRawText());
                    _inFlight.TryRemove(council.Id, out _);
                    acknowledged();
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // Killed.
        }
    }

    /// <summary>
    /// What the restarted server holds: each acknowledged version exactly as acknowledged, or the write that was in
    /// flight after it; every document whole (its notes and declaration time are those of its version); nothing else.
    /// </summary>
    private async Task AssertStoredAsync(ApiProcess api, IReadOnlyList<CouncilResult> councils)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(api.Endpoint, new { query = """{ councilResults(electionId: "local.2019-05-02", first: 500) { nodes { ...Stored } } } """ + Stored });
        var stored = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("councilResults").GetProperty("nodes")
            .EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!);
        Assert.Subset(councils.Select(c => c.Id).ToHashSet(), stored.Keys.ToHashSet());

        foreach (var council in councils)
        {
            var acknowledged = _acknowledged.GetValueOrDefault(council.Id);
            _inFlight.TryRemove(council.Id, out var inFlight);
            if (!stored.TryGetValue(council.Id, out var document))
            {
                Assert.True(acknowledged is null, $"{council.Id} version {acknowledged?.Version} was acknowledged, and is lost.");
                continue;
            }

            var version = document.GetProperty("version").GetInt32();
            Assert.Equal((Notes(council.Id, version), DeclaredAt(version)), (document.GetProperty("notes").GetString(), document.GetProperty("declaredAt").GetDateTime().ToUniversalTime()));
            if (version == acknowledged?.Version) Assert.Equal(acknowledged.Json, document.GetRawText());
            else Assert.True(version == (acknowledged?.Version ?? 0) + 1 && version == inFlight,
                $"{council.Id} is at version {version}: acknowledged {acknowledged?.Version ?? 0}, in flight {inFlight}.");
            _acknowledged[council.Id] = new Acknowledged(version, document.GetRawText());
        }
    }

    private static string Notes(string id, int version) => $"{id}, version {version}";

    private static DateTime DeclaredAt(int version) => Night.AddMinutes(version);

    public void Dispose() => _data.Dispose();
}
