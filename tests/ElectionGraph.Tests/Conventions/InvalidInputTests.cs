using System.Text.Json;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Conventions;

/// <summary>Bad partner input gets a GraphQL error with a message and a code, never a 500, and the API keeps serving.</summary>
public class InvalidInputTests(SeededApi seeded) : IClassFixture<SeededApi>
{
    private const string Results = """councilResults(electionId: "local.2019-05-02" """;

    public static TheoryData<string, string, string> Inputs => new()
    {
        { $$"""{ {{Results}}, where: { seatsUp: { eq: "x" } }) { totalCount } }""", "ARGUMENTS_OF_CORRECT_TYPE", "Expected type 'Int'" },
        { $$"""{ {{Results}}, where: { nope: { eq: 1 } }) { totalCount } }""", "ARGUMENTS_OF_CORRECT_TYPE", "'nope': Unknown field" },
        { $$"""{ {{Results}}, order: [{ seats: ASC }]) { totalCount } }""", "ARGUMENTS_OF_CORRECT_TYPE", "'seats': Unknown field" },
        { $$"""{ {{Results}}, where: { seatsUp: { in: [{{string.Join(",", Enumerable.Range(1, 1001))}}] } }) { totalCount } }""", "FILTER_LIST_TOO_LONG", "at most 1000 values" },
        { $$"""{ {{Results}}, where: { and: [{ or: [{ and: [{ or: [{ and: [{ or: [{ seatsUp: { eq: 1 } }] }] }] }] }] }] }) { totalCount } }""", "FILTER_TOO_DEEP", "deeper than 6 levels" },
        { $$"""{ {{Results}}, where: { or: [{{string.Join(",", Enumerable.Range(1, 101).Select(i => $"{{ seatsUp: {{ eq: {i} }} }}"))}}] }) { totalCount } }""", "FILTER_TOO_LARGE", "more than 100 operations" },
        { $$"""{ {{Results}}, first: 501) { totalCount } }""", "PAGE_SIZE_TOO_LARGE", "at most 500 items" },
        { $$"""{ {{Results}}, last: -1) { totalCount } }""", "PAGING_INVALID", "cannot be negative" },
        { $$"""{ {{Results}}, first: 1, last: 1) { totalCount } }""", "PAGING_INVALID", "first or last, not both" },
        { $$"""{ {{Results}}, after: "not-a-cursor") { totalCount } }""", "INVALID_CURSOR", "not a cursor from this API" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Bad_input_is_a_coded_GraphQL_error_and_the_API_keeps_serving(string query, string code, string message)
    {
        using var client = seeded.Api.CreateClient();
        using var response = await client.PostAsync("/graphql", JsonContent(new { query }));

        Assert.Equal(200, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString());

        var next = await seeded.Api.QueryAsync($$"""{ {{Results}}, first: 1) { totalCount } }""");
        Assert.Equal(Seed.Documents.CouncilResults.Count, next.GetProperty("councilResults").GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("""seatChanges(electionId: "local.2019-05-02", after: $cursor)""")]
    [InlineData("""councilResults(electionId: "local.2019-05-02", where: { cycle: { eq: THIRDS } }, after: $cursor)""")]
    [InlineData("""councilResults(electionId: "local.2019-05-02", order: [{ seatsUp: DESC }], after: $cursor)""")]
    public async Task A_cursor_from_another_query_is_refused(string field)
    {
        var cursor = (await seeded.Api.QueryAsync($$"""{ {{Results}}, first: 1) { pageInfo { endCursor } } }"""))
            .GetProperty("councilResults").GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var response = await seeded.Api.PostAsync(new { query = $$"""query($cursor: String) { {{field}} { totalCount } }""", variables = new { cursor } });

        var error = response.GetProperty("errors")[0];
        Assert.Equal("INVALID_CURSOR", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("belongs to another query", error.GetProperty("message").GetString());
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
