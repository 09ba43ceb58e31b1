using System.Text.Json;
using ElectionGraph.Domain.Results;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Conventions;

/// <summary>Sorting and keyset paging on the embedded store, checked against orders computed from the seed.</summary>
public class PagingTests(SeededApi seeded, MongoPipelines mongo) : IClassFixture<SeededApi>, IClassFixture<MongoPipelines>
{
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;

    /// <summary>Reads a whole list page by page, forwards (first/after) or backwards (last/before).</summary>
    private async Task<List<string>> Walk(string arguments, int size, bool backward = false)
    {
        var ids = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var paging = backward
                ? $"last: {size}" + (cursor is null ? "" : $", before: \"{cursor}\"")
                : $"first: {size}" + (cursor is null ? "" : $", after: \"{cursor}\"");
            var page = (await seeded.Api.QueryAsync($$"""
                { councilResults(electionId: "{{Seed.Election}}", {{arguments}}, {{paging}}) {
                    nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
                """)).GetProperty("councilResults");
            var nodes = page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
            var info = page.GetProperty("pageInfo");
            ids.InsertRange(backward ? 0 : ids.Count, nodes);
            Assert.Equal(cursor is not null, info.GetProperty(backward ? "hasNextPage" : "hasPreviousPage").GetBoolean());
            if (!info.GetProperty(backward ? "hasPreviousPage" : "hasNextPage").GetBoolean()) return ids;
            cursor = info.GetProperty(backward ? "startCursor" : "endCursor").GetString();
        }

        throw new InvalidOperationException("The pages never ended.");
    }

    private static List<string> Ids(IEnumerable<CouncilResult> ordered) => ordered.Select(r => r.Id).ToList();

    private static IEnumerable<CouncilResult> Results => Seed.Documents.CouncilResults;

    [Fact]
    public async Task Several_keys_nested_keys_and_the_id_tie_breaker_order_every_page_forwards_and_backwards()
    {
        var expected = Ids(Results.OrderBy(r => r.Council.Region, Ordinal).ThenByDescending(r => r.SeatsUp).ThenBy(r => r.Id, Ordinal));
        const string order = "order: [{ council: { region: ASC } }, { seatsUp: DESC }]";

        Assert.Equal(expected, await Walk(order, 37));
        Assert.Equal(expected, await Walk(order, 37, backward: true));
    }

    [Fact]
    public async Task Missing_values_sort_last_in_either_direction_and_page_alike()
    {
        var descending = Ids(Results.OrderBy(r => r.Turnout is null).ThenByDescending(r => r.Turnout).ThenBy(r => r.Id, Ordinal));
        var ascending = Ids(Results.OrderBy(r => r.Control.Before is null).ThenBy(r => r.Control.Before, Ordinal).ThenBy(r => r.Id, Ordinal));

        Assert.Equal(descending, await Walk("order: [{ turnout: DESC }]", 4));
        Assert.Equal(ascending, await Walk("order: [{ control: { before: ASC } }]", 20));
        Assert.Equal(ascending, await Walk("order: [{ control: { before: ASC } }]", 20, backward: true));
    }

    [Fact]
    public async Task Names_sort_by_code_point_so_pages_break_alike_in_both_stores()
    {
        // King's Lynn (apostrophe, U+0027) sorts before Kingston upon Hull in MongoDB's byte order;
        // the embedded store must agree, or a cursor would skip or repeat councils at this boundary.
        var expected = Ids(Results.Where(r => r.Council.Name.StartsWith("K")).OrderBy(r => r.Council.Name, Ordinal).ThenBy(r => r.Id, Ordinal));
        Assert.True(expected.IndexOf("local.2019-05-02:E07000146") < expected.IndexOf("local.2019-05-02:E06000010"));

        Assert.Equal(expected, await Walk("""where: { council: { name: { startsWith: "K" } } }, order: [{ council: { name: ASC } }]""", 1));
    }

    [Fact]
    public async Task The_next_page_is_a_range_query_in_MongoDB_not_a_skip()
    {
        const string query = """
            query Page($after: String) {
              councilResults(electionId: "local.2019-05-02", order: [{ council: { name: ASC } }], first: 2, after: $after) { pageInfo { endCursor } }
            }
            """;
        var cursor = (await seeded.Api.QueryAsync(query)).GetProperty("councilResults").GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var pipelines = await mongo.Of(query, new { after = cursor });

        Assert.Equal(
            """offline.councilResults.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$match" : { "$or" : [{ "council.name" : { "$gt" : "Amber Valley" } }, { "council.name" : "Amber Valley", "_id" : { "$gt" : "local.2019-05-02:E07000032" } }] } }, { "$sort" : { "council.name" : 1, "_id" : 1 } }, { "$limit" : 3 }])""",
            Assert.Single(pipelines));
    }

    [Fact]
    public async Task Going_backwards_is_the_reverse_range_in_MongoDB_with_missing_values_first()
    {
        const string query = """
            query Page($before: String) {
              mayoralties(electionId: "local.2019-05-02", order: [{ turnout: DESC }], last: 2, before: $before) { pageInfo { startCursor } }
            }
            """;
        var cursor = (await seeded.Api.QueryAsync(query)).GetProperty("mayoralties").GetProperty("pageInfo").GetProperty("startCursor").GetString();

        var pipelines = await mongo.Of(query, new { before = cursor });

        // The page before Bedford (turnout missing): the turnouts, smallest first when walking back.
        Assert.Equal(
            """offline.mayoralties.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$match" : { "$or" : [{ "turnout" : { "$ne" : null } }, { "turnout" : null, "_id" : { "$lt" : "mayor.bedford.2019-05-02" } }] } }, { "$project" : { "_id" : 0, "_document" : "$$ROOT", "_key1" : { "$eq" : ["$turnout", null] } } }, { "$sort" : { "_key1" : -1, "_document.turnout" : 1, "_document._id" : -1 } }, { "$replaceRoot" : { "newRoot" : "$_document" } }, { "$limit" : 3 }])""",
            Assert.Single(pipelines));
    }

    [Fact]
    public async Task A_page_is_fifty_items_unless_asked_and_counts_them_all()
    {
        var page = (await seeded.Api.QueryAsync("""{ councils { totalCount nodes { code } edges { cursor node { code } } } }""")).GetProperty("councils");

        Assert.Equal(50, page.GetProperty("nodes").GetArrayLength());
        Assert.Equal(Seed.Documents.Councils.Count, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(
            page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()),
            page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("code").GetString()));
        Assert.Equal(
            Seed.Documents.Councils.OrderBy(c => c.Name, Ordinal).ThenBy(c => c.Id, Ordinal).Take(50).Select(c => c.Id),
            page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Seat_changes_flatten_every_seat_row_with_its_council()
    {
        var worst = (await seeded.Api.QueryAsync("""
            { seatChanges(electionId: "local.2019-05-02", where: { partyCode: { eq: "LAB" } }, order: [{ change: ASC }], first: 1) {
                totalCount nodes { partyCode won change council { name region } control { before after } } } }
            """)).GetProperty("seatChanges");

        var rows = Results.SelectMany(r => r.Seats.Select(s => (Result: r, Seat: s))).Where(x => x.Seat.PartyCode == "LAB").ToList();
        var loss = rows.Where(x => x.Seat.Change is not null).MinBy(x => x.Seat.Change)!;
        Assert.Equal(rows.Count, worst.GetProperty("totalCount").GetInt32());
        var node = worst.GetProperty("nodes")[0];
        Assert.Equal((loss.Result.Council.Name, loss.Seat.Change), (node.GetProperty("council").GetProperty("name").GetString(), node.GetProperty("change").GetInt32()));
        Assert.Equal(loss.Result.Control.After, node.GetProperty("control").GetProperty("after").GetString());
    }

    [Fact]
    public async Task Seat_changes_are_unwound_filtered_sorted_and_limited_inside_MongoDB()
    {
        var pipelines = await mongo.Of("""
            { seatChanges(electionId: "local.2019-05-02", where: { partyCode: { eq: "LAB" } }, order: [{ change: ASC }], first: 1) { nodes { id } } }
            """);

        Assert.Equal(
            """offline.councilResults.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$project" : { "_v" : { "$map" : { "input" : "$seats", "as" : "s", "in" : { "_id" : { "$concat" : ["$_id", ":", "$$s.partyCode"] }, "electionId" : "$electionId", "partyCode" : "$$s.partyCode", "won" : "$$s.won", "change" : "$$s.change", "changeBasis" : "$$s.changeBasis", "totalAfter" : "$$s.totalAfter", "council" : "$council", "control" : "$control", "updatedAt" : "$updatedAt" } } }, "_id" : 0 } }, { "$unwind" : "$_v" }, { "$match" : { "_v.partyCode" : "LAB" } }, { "$project" : { "_id" : 0, "_document" : "$$ROOT", "_key1" : { "$eq" : ["$_v.change", null] } } }, { "$sort" : { "_key1" : 1, "_document._v.change" : 1, "_document._v._id" : 1 } }, { "$replaceRoot" : { "newRoot" : "$_document" } }, { "$limit" : 2 }])""",
            Assert.Single(pipelines));
    }

    [Fact]
    public async Task Mayoral_candidates_are_unwound_filtered_sorted_and_limited_inside_MongoDB()
    {
        var pipelines = await mongo.Of("""
            { mayoralCandidates(electionId: "local.2019-05-02", where: { partyCode: { eq: "LAB" } }, first: 5) { nodes { id } } }
            """);

        Assert.Equal(
            """offline.mayoralties.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$project" : { "_v" : { "$map" : { "input" : "$candidates", "as" : "c", "in" : { "_id" : { "$concat" : ["$_id", ":", "$$c.name"] }, "electionId" : "$electionId", "mayoraltyId" : "$_id", "areaName" : "$areaName", "name" : "$$c.name", "partyCode" : "$$c.partyCode", "firstRound" : "$$c.firstRound", "firstRoundShare" : "$$c.firstRoundShare", "secondRound" : "$$c.secondRound", "elected" : "$$c.elected", "updatedAt" : "$updatedAt" } } }, "_id" : 0 } }, { "$unwind" : "$_v" }, { "$match" : { "_v.partyCode" : "LAB" } }, { "$project" : { "_id" : 0, "_document" : "$$ROOT", "_key1" : { "$eq" : ["$_v.firstRound", null] } } }, { "$sort" : { "_document._v.areaName" : 1, "_key1" : 1, "_document._v.firstRound" : -1, "_document._v._id" : 1 } }, { "$replaceRoot" : { "newRoot" : "$_document" } }, { "$limit" : 6 }])""",
            Assert.Single(pipelines));
    }
}
