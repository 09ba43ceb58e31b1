using ElectionGraph.Domain.Results;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Conventions;

/// <summary>Every filter operator, on the embedded store and as MongoDB's $match.</summary>
public class FilterTests(SeededApi seeded, MongoPipelines mongo) : IClassFixture<SeededApi>, IClassFixture<MongoPipelines>
{
    public static TheoryData<FilterCase> Cases => new(FilterCase.All);

    private static string Query(string where) =>
        $$"""{ councilResults(electionId: "{{Seed.Election}}", where: {{where}}, first: 500) { totalCount nodes { id } } }""";

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_embedded_store_selects_what_the_filter_says(FilterCase filter)
    {
        var expected = Seed.Documents.CouncilResults.Where(filter.Selects).Select(r => r.Id).Order().ToList();
        Assert.InRange(expected.Count, 1, Seed.Documents.CouncilResults.Count - 1); // the case can tell right from wrong

        var data = (await seeded.Api.QueryAsync(Query(filter.Where))).GetProperty("councilResults");

        Assert.Equal(expected, data.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).Order());
        Assert.Equal(expected.Count, data.GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MongoDB_runs_the_filter_as_a_match_stage(FilterCase filter)
    {
        var pipelines = await mongo.Of(Query(filter.Where));

        var page = $$"""offline.councilResults.Aggregate([{ "$match" : { "electionId" : "{{Seed.Election}}" } }, { "$match" : {{filter.Match}} }, { "$sort" : { "council.name" : 1, "_id" : 1 } }, { "$limit" : 501 }])""";
        var count = $$"""Count: offline.councilResults.Aggregate([{ "$match" : { "electionId" : "{{Seed.Election}}" } }, { "$match" : {{filter.Match}} }])""";
        Assert.True(pipelines.SequenceEqual([page, count]), string.Join("\n", pipelines));
    }

    [Fact]
    public async Task Any_tells_lists_with_elements_from_empty_ones()
    {
        var withSeats = Seed.Documents.CouncilResults.Count(r => r.Seats.Any());

        var any = await seeded.Api.QueryAsync("""{ councilResults(electionId: "local.2019-05-02", where: { seats: { any: true } }) { totalCount } }""");
        var empty = await seeded.Api.QueryAsync("""{ councilResults(electionId: "local.2019-05-02", where: { seats: { any: false } }) { totalCount } }""");

        Assert.Equal(withSeats, any.GetProperty("councilResults").GetProperty("totalCount").GetInt32());
        Assert.Equal(Seed.Documents.CouncilResults.Count - withSeats, empty.GetProperty("councilResults").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Any_is_a_test_for_a_non_empty_array_in_MongoDB()
    {
        var pipelines = await mongo.Of("""{ councilResults(electionId: "local.2019-05-02", where: { seats: { any: false } }) { nodes { id } } }""");

        Assert.True(pipelines[0].Contains("""{ "$match" : { "$nor" : [{ "seats" : { "$ne" : null, "$not" : { "$size" : 0 } } }] } }"""), pipelines[0]);
    }

    [Fact]
    public async Task Dates_and_times_are_compared_as_BSON_dates_in_MongoDB()
    {
        var pipelines = await mongo.Of("""
            {
              councilResults(electionId: "local.2019-05-02", where: { updatedAt: { gte: "2019-05-03T01:30:00Z" }, declaredAt: { lt: "2019-05-03T12:00:00+01:00" } }) { nodes { id } }
              elections(where: { date: { gt: "2019-01-01" } }) { nodes { id } }
            }
            """);

        Assert.Contains("""{ "$match" : { "declaredAt" : { "$lt" : { "$date" : "2019-05-03T11:00:00Z" } }, "updatedAt" : { "$gte" : { "$date" : "2019-05-03T01:30:00Z" } } } }""", pipelines[0]);
        Assert.Contains("""{ "$match" : { "date" : { "$gt" : { "$date" : "2019-01-01T00:00:00Z" } } } }""", pipelines[1]);
    }

    [Fact]
    public async Task Mayoralties_seat_changes_and_councils_take_the_same_kind_of_filter()
    {
        var data = await seeded.Api.QueryAsync("""
            {
              mayoralties(electionId: "local.2019-05-02", where: { winner: { partyCode: { eq: "LAB" } }, candidates: { some: { secondRound: { neq: null } } } }) { nodes { areaName } }
              seatChanges(electionId: "local.2019-05-02", where: { partyCode: { eq: "GRN" }, change: { gte: 5 }, council: { nation: { eq: ENGLAND } } }, first: 500) { nodes { id } }
              councils(where: { code: { startsWith: "N09" } }, first: 500) { nodes { code } }
            }
            """);

        Assert.Equal(
            Seed.Documents.Mayoralties.Where(m => m.Winner?.PartyCode == "LAB" && m.Candidates.Any(c => c.SecondRound != null)).Select(m => m.AreaName).Order(),
            data.GetProperty("mayoralties").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("areaName").GetString()).Order());
        Assert.Equal(
            Seed.Documents.CouncilResults.SelectMany(r => r.Seats.Where(s => s.PartyCode == "GRN" && s.Change >= 5).Select(s => $"{r.Id}:{s.PartyCode}")).Order(),
            data.GetProperty("seatChanges").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).Order());
        Assert.Equal(11, data.GetProperty("councils").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Dates_compare_as_instants_and_updatedSince_returns_what_changed()
    {
        using var data = new TempDirectory();
        using var api = new ApiFactory(data.Path);
        var seeded = (await api.QueryAsync("""{ councilResults(electionId: "local.2019-05-02", first: 1) { nodes { updatedAt } } }"""))
            .GetProperty("councilResults").GetProperty("nodes")[0].GetProperty("updatedAt").GetDateTime();
        var store = api.Services.GetRequiredService<ElectionGraph.Storage.IDocumentStore>().Collection<CouncilResult>();
        var bolton = store.Query().Single(r => r.Council.Name == "Bolton");
        await Task.Delay(20);
        var changed = await store.UpsertAsync(bolton with { Notes = "corrected" }, bolton.Version);

        var since = changed.UpdatedAt.ToString("O");
        var answer = await api.QueryAsync($$"""
            {
              changed: councilResults(electionId: "local.2019-05-02", updatedSince: "{{since}}") { nodes { council { name } version } }
              after: councilResults(electionId: "local.2019-05-02", where: { updatedAt: { gt: "{{seeded.ToUniversalTime():O}}" } }) { totalCount }
              before: councilResults(electionId: "local.2019-05-02", where: { updatedAt: { lte: "{{seeded.ToUniversalTime():O}}" } }) { totalCount }
              elections(where: { date: { gte: "2019-05-02", lt: "2019-05-03" } }) { totalCount }
            }
            """);

        Assert.Equal("""[{"council":{"name":"Bolton"},"version":2}]""", answer.GetProperty("changed").GetProperty("nodes").GetRawText());
        Assert.Equal(1, answer.GetProperty("after").GetProperty("totalCount").GetInt32());
        Assert.Equal(258, answer.GetProperty("before").GetProperty("totalCount").GetInt32());
        Assert.Equal(1, answer.GetProperty("elections").GetProperty("totalCount").GetInt32());
    }
}
