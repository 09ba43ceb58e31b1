using System.Text.Json;
using ElectionGraph.Api.Commands.Replay;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Examples;

/// <summary>
/// The live partner examples (the subscriptions in schema/examples) on a server at polling day: each is acknowledged,
/// and the desk's next declaration reaches it with the example's fields and no errors.
/// </summary>
public class SubscriptionExampleTests
{
    private const string ElectionId = "local.2019-05-02";

    public static TheoryData<string> Files => new(PartnerExamples.Subscriptions);

    [Fact]
    public void The_examples_include_the_showcase_subscriptions() =>
        Assert.Superset(
            new HashSet<string> { "showcase-council-declared.graphql", "showcase-totals-changed.graphql", "showcase-mayor-declared.graphql" },
            PartnerExamples.Subscriptions.ToHashSet());

    [Theory]
    [MemberData(nameof(Files))]
    public async Task The_example_hears_the_next_declaration(string file)
    {
        using var data = new TempDirectory();
        using var api = new ApiFactory(data.Path, settings: ResultsDesk.PollingDay);
        await using var socket = await GraphQLSocket.ReadyAsync(api);
        var text = PartnerExamples.Text(file);
        // The declaration the example hears: the night's first mayor for a mayoral subscription, else a council the
        // desk can declare as seeded.
        var step = text.Contains("mayoralResultDeclared", StringComparison.Ordinal)
            ? ReplayPlan.For(Seed.Documents, ElectionId).First(s => s.Mutation == ReplayPlan.DeclareMayor)
            : new ReplayStep(default, "council", ResultsDesk.Declare, ResultsDesk.Input(ResultsDesk.Declarable[0], "example"));

        await socket.SubscribedAsync("live", text);
        var declared = await new ResultsDesk(api).SendAsync(step.Mutation, new { input = step.Input });

        Assert.False(declared.TryGetProperty("errors", out var refused), $"The desk was refused: {refused}");
        var message = (await socket.ReceiveAsync())!.Value;
        Assert.Equal("next", message.GetProperty("type").GetString());
        var payload = message.GetProperty("payload");
        Assert.False(payload.TryGetProperty("errors", out var errors), $"{file}: {errors}");
        var answer = payload.GetProperty("data").EnumerateObject().Single().Value;
        if (answer.ValueKind == JsonValueKind.Array)
        {
            // The totals the declaration changed include a party it gave seats to.
            var party = ((List<Dictionary<string, object?>>)step.Input["seats"]!).First(s => (int)s["won"]! > 0)["partyCode"];
            Assert.Contains(party, answer.EnumerateArray().Select(t => t.GetProperty("partyCode").GetString()));
        }
        else
        {
            // A council's result names the council; a mayoralty its area.
            var named = answer.TryGetProperty("council", out var council) ? council.GetProperty("code").GetString() : answer.GetProperty("areaName").GetString();
            Assert.Equal(step.Input.TryGetValue("councilCode", out var code) ? code : step.Input["areaName"], named);
        }
    }
}
