using System.Net.Http.Json;
using System.Text.Json;
using ElectionGraph.Api.Commands.Replay;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Results;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ElectionGraph.Tests.Support;

/// <summary>The results desk, declaring through the public mutations with its API key.</summary>
public sealed class ResultsDesk(WebApplicationFactory<Program> api)
{
    public const string Key = "test-desk-key";

    public static readonly Dictionary<string, string> PollingDay = new()
    {
        ["ElectionGraph:Seed:Results"] = "false",
        ["ElectionGraph:ResultsDeskKey"] = Key,
    };

    private readonly HttpClient _client = Client(api);

    private static HttpClient Client(WebApplicationFactory<Program> api)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    /// <summary>Runs a mutation and returns the whole response (data and errors).</summary>
    public async Task<JsonElement> SendAsync(string mutation, object? variables = null)
    {
        using var response = await _client.PostAsJsonAsync("/graphql", new { query = mutation, variables });
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public const string Declare = """
        mutation Declare($input: DeclareCouncilResultInput!) { declareCouncilResult(input: $input) { id version control { after } } }
        """;

    public const string Correct = """
        mutation Correct($input: CorrectCouncilResultInput!) { correctCouncilResult(input: $input) { id version control { after } } }
        """;

    /// <summary>A seeded 2019 result as the desk would declare it (a correction when it names the version it corrects).</summary>
    public static Dictionary<string, object?> Input(CouncilResult result, string declarationId, long? expectedVersion = null)
    {
        var input = ReplayPlan.CouncilInput(result, declarationId);
        if (expectedVersion is not null) input["expectedVersion"] = expectedVersion;
        return input;
    }

    public const string DeclareBallot = """
        mutation Declare($input: DeclareBallotResultInput!) {
          declareBallotResult(input: $input) { id version status candidates { name votes share elected } majority }
        }
        """;

    /// <summary>A seeded 2019 ward count as the desk would declare it (a correction when it names the version it corrects).</summary>
    public static Dictionary<string, object?> BallotInput(Ballot ballot, string declarationId, long? expectedVersion = null)
    {
        var input = ReplayPlan.BallotInput(ballot, declarationId);
        if (expectedVersion is not null) input["expectedVersion"] = expectedVersion;
        return input;
    }

    /// <summary>
    /// Seeded results the desk can declare as they are: whole councils elected, every seat filled, so control
    /// follows from the seats (not, say, Forest of Dean, with a poll postponed).
    /// </summary>
    public static IReadOnlyList<CouncilResult> Declarable =>
        Seed.Documents.CouncilResults.Where(r => r.Cycle == Cycle.AllOut && r.SeatsUp == r.TotalSeats).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
}
