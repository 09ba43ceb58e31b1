using System.Text.Json;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Subscriptions;

/// <summary>The real graphql-ws npm client, run with Node, against the API on 127.0.0.1.</summary>
public sealed class GraphQLWsClientTests : IDisposable
{
    private readonly LiveApi _live = LiveApi.With(ResultsDesk.PollingDay);

    [Fact]
    public async Task The_graphql_ws_client_receives_a_declaration_and_the_totals_it_changes()
    {
        var council = ResultsDesk.Declarable.First(r => r.Council.Code == "E07000170");
        var socket = new UriBuilder(_live.Endpoint) { Scheme = "ws" }.Uri.ToString();
        using var client = await Node.StartAsync("subscribe.mjs", socket,
            """subscription { councilResultDeclared(electionId: "local.2019-05-02") { council { code } version control { after } } }""",
            """subscription { partyTotalsChanged(electionId: "local.2019-05-02") { partyCode seatsWon councilsControlled } }""");
        Assert.Equal("""{"ready":true}""", await client.ReadLineAsync());
        // The graphql-ws client cannot ask for an acknowledgement: wait on the server's count of live subscriptions.
        await Subscribed.LiveAsync(_live.Api, subscriptions: 2);

        await new ResultsDesk(_live.Api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(council, "d-1") });
        var received = new[] { await client.ReadLineAsync(), await client.ReadLineAsync() }
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(message => message.GetProperty("operation").GetInt32(), message => message.GetProperty("result").GetProperty("data"));

        Assert.Equal("""{"council":{"code":"E07000170"},"version":1,"control":{"after":"ASHFIELD_IND"}}""", received[0].GetProperty("councilResultDeclared").GetRawText());
        var totals = received[1].GetProperty("partyTotalsChanged").EnumerateArray()
            .Select(t => (t.GetProperty("partyCode").GetString()!, t.GetProperty("seatsWon").GetInt32(), t.GetProperty("councilsControlled").GetInt32()));
        Assert.Equal(council.Seats.OrderByDescending(s => s.Won).ThenBy(s => s.PartyCode, StringComparer.Ordinal).Select(s => (s.PartyCode, s.Won, s.PartyCode == "ASHFIELD_IND" ? 1 : 0)), totals);
    }

    public void Dispose() => _live.Dispose();
}
