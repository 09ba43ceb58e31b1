using System.Net;
using System.Text;
using System.Text.Json;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Api;

public class QueryTests(SeededApi seeded) : IClassFixture<SeededApi>
{
    private readonly ApiFactory _api = seeded.Api;

    [Fact]
    public async Task The_2019_election_has_248_English_council_results_11_in_Northern_Ireland_and_6_mayoralties()
    {
        var data = await _api.QueryAsync("""
            query Results($id: ID!) {
              election(id: $id) { id name date nations }
              councilResults(electionId: $id, first: 500) { totalCount nodes { council { code nation } } }
              mayoralties(electionId: $id) { totalCount nodes { areaName } }
            }
            """, new { id = "local.2019-05-02" });

        Assert.Equal("2019-05-02", data.GetProperty("election").GetProperty("date").GetString());
        Assert.Equal(259, data.GetProperty("councilResults").GetProperty("totalCount").GetInt32());
        var nations = data.GetProperty("councilResults").GetProperty("nodes").EnumerateArray().Select(r => r.GetProperty("council").GetProperty("nation").GetString()).ToList();
        Assert.Equal(248, nations.Count(n => n == "ENGLAND"));
        Assert.Equal(11, nations.Count(n => n == "NORTHERN_IRELAND"));
        Assert.Equal(6, data.GetProperty("mayoralties").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_council_carries_its_results_with_seat_rows_and_parties()
    {
        var data = await _api.QueryAsync("""
            {
              council(code: "E07000170") {
                name type region nation
                results { electionId control { before after changed } seatsUp seats { partyCode party { shortName } won change changeBasis } }
              }
            }
            """);

        var council = data.GetProperty("council");
        Assert.Equal(("Ashfield", "DISTRICT", "East Midlands"), (council.GetProperty("name").GetString(), council.GetProperty("type").GetString(), council.GetProperty("region").GetString()));
        var result = Assert.Single(council.GetProperty("results").EnumerateArray());
        Assert.Equal("""{"before":"NOC","after":"ASHFIELD_IND","changed":true}""", result.GetProperty("control").GetRawText());
        // The results page: Labour's biggest loss of the night, 20 seats in Ashfield.
        var labour = result.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("partyCode").GetString() == "LAB");
        Assert.Equal(-20, labour.GetProperty("change").GetInt32());
        Assert.Equal("Labour", labour.GetProperty("party").GetProperty("shortName").GetString());
        Assert.Equal("PREVIOUS_ELECTION", labour.GetProperty("changeBasis").GetString());
    }

    [Fact]
    public async Task Parties_mayoralties_and_reported_totals_come_back_as_seeded()
    {
        var data = await _api.QueryAsync("""
            {
              party(code: "LD") { name colour rollupCode version }
              parties { totalCount }
              mayoralties(electionId: "local.2019-05-02") { nodes { areaName winner { name party { code } } previousPartyCode } }
              election(id: "local.2019-05-02") { reportedTotals { nation partyCode party { code } seatsWon } projectedShare { partyCode share change } }
            }
            """);

        Assert.Equal("""{"name":"Liberal Democrats","colour":"#FAA61A","rollupCode":"LD","version":1}""", data.GetProperty("party").GetRawText());
        Assert.Equal(86, data.GetProperty("parties").GetProperty("totalCount").GetInt32());
        var mansfield = data.GetProperty("mayoralties").GetProperty("nodes").EnumerateArray().Single(m => m.GetProperty("areaName").GetString() == "Mansfield");
        Assert.Equal("""{"areaName":"Mansfield","winner":{"name":"Andy Abrahams","party":{"code":"LAB"}},"previousPartyCode":"MIF"}""", mansfield.GetRawText());
        var others = data.GetProperty("election").GetProperty("reportedTotals").EnumerateArray().Single(t => t.GetProperty("partyCode").GetString() == "IND+RA+OTH");
        Assert.Equal(JsonValueKind.Null, others.GetProperty("party").ValueKind);
        Assert.Equal(1179, others.GetProperty("seatsWon").GetInt32());
        Assert.Equal("""[{"partyCode":"CON","share":28,"change":-7},{"partyCode":"LAB","share":28,"change":-7},{"partyCode":"LD","share":19,"change":3}]""",
            data.GetProperty("election").GetProperty("projectedShare").GetRawText());
    }

    [Fact]
    public async Task Unknown_ids_are_null_not_errors()
    {
        var data = await _api.QueryAsync("""{ council(code: "X") { name } party(code: "X") { name } election(id: "X") { name } }""");

        Assert.Equal("""{"council":null,"party":null,"election":null}""", data.GetRawText());
    }

    [Fact]
    public async Task A_body_that_is_not_a_GraphQL_request_is_a_400_with_a_coded_error()
    {
        using var client = _api.CreateClient();
        using var response = await client.PostAsync("/graphql", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("INVALID_JSON", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_invalid_query_is_a_coded_GraphQL_error()
    {
        var response = await _api.PostAsync(new { query = "{ councils { nodes { nope } } }" });

        var error = response.GetProperty("errors")[0];
        Assert.Contains("nope", error.GetProperty("message").GetString());
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", error.GetProperty("extensions").GetProperty("code").GetString());
    }
}
