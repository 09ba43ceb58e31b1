using ElectionGraph.Api.Access;
using ElectionGraph.Api.Ballots;
using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Api.Webhooks;
using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Domain.Results;
using ElectionGraph.Domain.Webhooks;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Storage.Mongo;

/// <summary>
/// What MongoDB runs for the API's single-document lookups, batch loads and aggregations: grouped inside
/// the server as aggregation pipelines, so only the grouped rows reach the API. (Filters and paging:
/// Conventions/FilterTests and PagingTests.)
/// </summary>
public class PipelineTests(MongoPipelines mongo) : IClassFixture<MongoPipelines>
{
    public static TheoryData<string, string, string[]> Operations => new()
    {
        {
            """partyTotals (two groupings: seats by party, councils by control; then the running tally of the councils with no result)""",
            """{ partyTotals(electionId: "local.2019-05-02", where: { council: { region: { eq: "South West" } } }) { partyCode } }""",
            [
                """offline.councilResults.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$project" : { "_v" : "$council.code", "_id" : 0 } }])""",
                """offline.councilResults.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$match" : { "council.region" : "South West" } }, { "$project" : { "_v" : { "$map" : { "input" : "$seats", "as" : "s", "in" : { "region" : "$council.region", "councilType" : "$council.type", "nation" : "$council.nation", "partyCode" : "$$s.partyCode", "controlAfter" : "$control.after", "won" : "$$s.won", "change" : { "$ifNull" : ["$$s.change", 0] }, "complete" : { "$cond" : { "if" : "$seatsComplete", "then" : 1, "else" : 0 } }, "changeReported" : { "$cond" : { "if" : { "$ne" : ["$$s.change", null] }, "then" : 1, "else" : 0 } } } } }, "_id" : 0 } }, { "$unwind" : "$_v" }, { "$group" : { "_id" : "$_v.partyCode", "__agg0" : { "$sum" : "$_v.won" }, "__agg1" : { "$sum" : "$_v.change" }, "__agg2" : { "$sum" : 1 }, "__agg3" : { "$sum" : "$_v.complete" }, "__agg4" : { "$sum" : "$_v.changeReported" } } }, { "$project" : { "partyCode" : "$_id", "won" : "$__agg0", "change" : "$__agg1", "councils" : "$__agg2", "complete" : "$__agg3", "changeReported" : "$__agg4", "_id" : 0 } }])""",
                """offline.councilResults.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$match" : { "council.region" : "South West" } }, { "$sort" : { "council.name" : 1 } }, { "$group" : { "_id" : { "Before" : "$control.before", "After" : "$control.after" }, "__agg0" : { "$sum" : 1 }, "__agg1" : { "$sum" : { "$cond" : { "if" : "$seatsComplete", "then" : 1, "else" : 0 } } }, "__agg2" : { "$sum" : { "$cond" : { "if" : "$changesComplete", "then" : 1, "else" : 0 } } }, "__agg3" : { "$push" : "$council" } } }, { "$project" : { "from" : "$_id.Before", "to" : "$_id.After", "count" : "$__agg0", "complete" : "$__agg1", "changeReported" : "$__agg2", "councils" : "$__agg3", "_id" : 0 } }])""",
                """offline.ballots.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$match" : { "council.code" : { "$nin" : [] } } }, { "$match" : { "council.region" : "South West" } }, { "$project" : { "_v" : { "$map" : { "input" : "$candidates", "as" : "c", "in" : { "region" : "$council.region", "councilType" : "$council.type", "nation" : "$council.nation", "councilCode" : "$council.code", "partyCode" : "$$c.partyCode", "votes" : { "$ifNull" : ["$$c.votes", 0] }, "candidates" : 1, "won" : { "$cond" : { "if" : "$$c.elected", "then" : 1, "else" : 0 } }, "wonUnopposed" : { "$cond" : { "if" : { "$and" : ["$uncontested", "$$c.elected"] }, "then" : 1, "else" : 0 } }, "contested" : 0, "uncontested" : 0, "uncontestedSeats" : 0, "awaiting" : 0 } } }, "_id" : 0 } }, { "$unwind" : "$_v" }, { "$group" : { "_id" : { "partyCode" : "$_v.partyCode" }, "__agg0" : { "$sum" : "$_v.votes" }, "__agg1" : { "$sum" : "$_v.candidates" }, "__agg2" : { "$sum" : "$_v.won" }, "__agg3" : { "$sum" : "$_v.wonUnopposed" }, "__agg4" : { "$sum" : "$_v.contested" }, "__agg5" : { "$sum" : "$_v.uncontested" }, "__agg6" : { "$sum" : "$_v.uncontestedSeats" }, "__agg7" : { "$sum" : "$_v.awaiting" } } }, { "$project" : { "key" : "$_id", "votes" : "$__agg0", "candidates" : "$__agg1", "won" : "$__agg2", "wonUnopposed" : "$__agg3", "contested" : "$__agg4", "uncontested" : "$__agg5", "uncontestedSeats" : "$__agg6", "awaiting" : "$__agg7", "_id" : 0 } }])""",
            ]
        },
        {
            """controlTransitions""",
            """{ controlTransitions(electionId: "local.2019-05-02") { from } }""",
            [
                """offline.councilResults.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$match" : { "control.changed" : true } }, { "$sort" : { "council.name" : 1 } }, { "$group" : { "_id" : { "Before" : "$control.before", "After" : "$control.after" }, "__agg0" : { "$sum" : 1 }, "__agg1" : { "$sum" : { "$cond" : { "if" : "$seatsComplete", "then" : 1, "else" : 0 } } }, "__agg2" : { "$sum" : { "$cond" : { "if" : "$changesComplete", "then" : 1, "else" : 0 } } }, "__agg3" : { "$push" : "$council" } } }, { "$project" : { "from" : "$_id.Before", "to" : "$_id.After", "count" : "$__agg0", "complete" : "$__agg1", "changeReported" : "$__agg2", "councils" : "$__agg3", "_id" : 0 } }])""",
            ]
        },
        {
            """seatSummary by region and party (seat rows unwound)""",
            """{ seatSummary(electionId: "local.2019-05-02", groupBy: [REGION, PARTY]) { region } }""",
            [
                """offline.councilResults.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$project" : { "_v" : { "$map" : { "input" : "$seats", "as" : "s", "in" : { "region" : "$council.region", "councilType" : "$council.type", "nation" : "$council.nation", "partyCode" : "$$s.partyCode", "controlAfter" : "$control.after", "won" : "$$s.won", "change" : { "$ifNull" : ["$$s.change", 0] }, "complete" : { "$cond" : { "if" : "$seatsComplete", "then" : 1, "else" : 0 } }, "changeReported" : { "$cond" : { "if" : { "$ne" : ["$$s.change", null] }, "then" : 1, "else" : 0 } } } } }, "_id" : 0 } }, { "$unwind" : "$_v" }, { "$group" : { "_id" : { "region" : "$_v.region", "partyCode" : "$_v.partyCode" }, "__agg0" : { "$sum" : "$_v.won" }, "__agg1" : { "$sum" : "$_v.change" }, "__agg2" : { "$sum" : 1 }, "__agg3" : { "$sum" : "$_v.complete" }, "__agg4" : { "$sum" : "$_v.changeReported" } } }, { "$project" : { "key" : "$_id", "won" : "$__agg0", "change" : "$__agg1", "councils" : "$__agg2", "complete" : "$__agg3", "changeReported" : "$__agg4", "_id" : 0 } }])""",
            ]
        },
        {
            """seatSummary by council type (seats summed per council)""",
            """{ seatSummary(electionId: "local.2019-05-02", groupBy: [COUNCIL_TYPE]) { region } }""",
            [
                """offline.councilResults.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$project" : { "region" : "$council.region", "councilType" : "$council.type", "nation" : "$council.nation", "partyCode" : null, "controlAfter" : "$control.after", "won" : { "$sum" : "$seats.won" }, "change" : { "$sum" : { "$map" : { "input" : "$seats", "as" : "s", "in" : { "$ifNull" : ["$$s.change", 0] } } } }, "complete" : { "$cond" : { "if" : "$seatsComplete", "then" : 1, "else" : 0 } }, "changeReported" : { "$cond" : { "if" : "$changesComplete", "then" : 1, "else" : 0 } }, "_id" : 0 } }, { "$group" : { "_id" : { "councilType" : "$councilType" }, "__agg0" : { "$sum" : "$won" }, "__agg1" : { "$sum" : "$change" }, "__agg2" : { "$sum" : 1 }, "__agg3" : { "$sum" : "$complete" }, "__agg4" : { "$sum" : "$changeReported" } } }, { "$project" : { "key" : "$_id", "won" : "$__agg0", "change" : "$__agg1", "councils" : "$__agg2", "complete" : "$__agg3", "changeReported" : "$__agg4", "_id" : 0 } }])""",
            ]
        },
        {
            """mayoralSummary""",
            """{ mayoralSummary(electionId: "local.2019-05-02") { holds } }""",
            [
                """offline.mayoralties.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$match" : { "winner" : { "$ne" : null } } }, { "$group" : { "_id" : "$winner.partyCode", "__agg0" : { "$sum" : 1 }, "__agg1" : { "$sum" : { "$cond" : { "if" : { "$eq" : ["$previousPartyCode", "$winner.partyCode"] }, "then" : 1, "else" : 0 } } }, "__agg2" : { "$sum" : { "$cond" : { "if" : { "$and" : [{ "$ne" : ["$previousPartyCode", null] }, { "$ne" : ["$previousPartyCode", "$winner.partyCode"] }] }, "then" : 1, "else" : 0 } } }, "__agg3" : { "$sum" : { "$cond" : { "if" : "$newPost", "then" : 1, "else" : 0 } } } } }, { "$project" : { "partyCode" : "$_id", "won" : "$__agg0", "holds" : "$__agg1", "gains" : "$__agg2", "newPosts" : "$__agg3", "_id" : 0 } }])""",
                """Count: offline.mayoralties.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }])""",
            ]
        },
        {
            """voteTotals by region and party (candidacies unwound; then the ballots by region, for the shares)""",
            """{ voteTotals(electionId: "local.2019-05-02", where: { uncontested: { eq: false } }, groupBy: [REGION, PARTY]) { share } }""",
            [
                """offline.ballots.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$match" : { "uncontested" : false } }, { "$project" : { "region" : "$council.region", "councilType" : "$council.type", "nation" : "$council.nation", "councilCode" : "$council.code", "partyCode" : null, "votes" : { "$ifNull" : ["$totalVotes", 0] }, "candidates" : { "$size" : "$candidates" }, "won" : { "$sum" : { "$map" : { "input" : "$candidates", "as" : "c", "in" : { "$cond" : { "if" : "$$c.elected", "then" : 1, "else" : 0 } } } } }, "wonUnopposed" : { "$cond" : { "if" : "$uncontested", "then" : "$seatsContested", "else" : 0 } }, "contested" : { "$cond" : { "if" : { "$and" : [{ "$eq" : ["$status", "Declared"] }, { "$not" : "$uncontested" }] }, "then" : 1, "else" : 0 } }, "uncontested" : { "$cond" : { "if" : "$uncontested", "then" : 1, "else" : 0 } }, "uncontestedSeats" : { "$cond" : { "if" : "$uncontested", "then" : "$seatsContested", "else" : 0 } }, "awaiting" : { "$cond" : { "if" : { "$eq" : ["$status", "Awaiting"] }, "then" : 1, "else" : 0 } }, "_id" : 0 } }, { "$group" : { "_id" : { "region" : "$region" }, "__agg0" : { "$sum" : "$votes" }, "__agg1" : { "$sum" : "$candidates" }, "__agg2" : { "$sum" : "$won" }, "__agg3" : { "$sum" : "$wonUnopposed" }, "__agg4" : { "$sum" : "$contested" }, "__agg5" : { "$sum" : "$uncontested" }, "__agg6" : { "$sum" : "$uncontestedSeats" }, "__agg7" : { "$sum" : "$awaiting" } } }, { "$project" : { "key" : "$_id", "votes" : "$__agg0", "candidates" : "$__agg1", "won" : "$__agg2", "wonUnopposed" : "$__agg3", "contested" : "$__agg4", "uncontested" : "$__agg5", "uncontestedSeats" : "$__agg6", "awaiting" : "$__agg7", "_id" : 0 } }])""",
                """offline.ballots.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$match" : { "uncontested" : false } }, { "$project" : { "_v" : { "$map" : { "input" : "$candidates", "as" : "c", "in" : { "region" : "$council.region", "councilType" : "$council.type", "nation" : "$council.nation", "councilCode" : "$council.code", "partyCode" : "$$c.partyCode", "votes" : { "$ifNull" : ["$$c.votes", 0] }, "candidates" : 1, "won" : { "$cond" : { "if" : "$$c.elected", "then" : 1, "else" : 0 } }, "wonUnopposed" : { "$cond" : { "if" : { "$and" : ["$uncontested", "$$c.elected"] }, "then" : 1, "else" : 0 } }, "contested" : 0, "uncontested" : 0, "uncontestedSeats" : 0, "awaiting" : 0 } } }, "_id" : 0 } }, { "$unwind" : "$_v" }, { "$group" : { "_id" : { "region" : "$_v.region", "partyCode" : "$_v.partyCode" }, "__agg0" : { "$sum" : "$_v.votes" }, "__agg1" : { "$sum" : "$_v.candidates" }, "__agg2" : { "$sum" : "$_v.won" }, "__agg3" : { "$sum" : "$_v.wonUnopposed" }, "__agg4" : { "$sum" : "$_v.contested" }, "__agg5" : { "$sum" : "$_v.uncontested" }, "__agg6" : { "$sum" : "$_v.uncontestedSeats" }, "__agg7" : { "$sum" : "$_v.awaiting" } } }, { "$project" : { "key" : "$_id", "votes" : "$__agg0", "candidates" : "$__agg1", "won" : "$__agg2", "wonUnopposed" : "$__agg3", "contested" : "$__agg4", "uncontested" : "$__agg5", "uncontestedSeats" : "$__agg6", "awaiting" : "$__agg7", "_id" : 0 } }])""",
            ]
        },
        {
            """voteTotals by council (a fact a ballot)""",
            """{ voteTotals(electionId: "local.2019-05-02", groupBy: [COUNCIL]) { votes } }""",
            [
                """offline.ballots.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$project" : { "region" : "$council.region", "councilType" : "$council.type", "nation" : "$council.nation", "councilCode" : "$council.code", "partyCode" : null, "votes" : { "$ifNull" : ["$totalVotes", 0] }, "candidates" : { "$size" : "$candidates" }, "won" : { "$sum" : { "$map" : { "input" : "$candidates", "as" : "c", "in" : { "$cond" : { "if" : "$$c.elected", "then" : 1, "else" : 0 } } } } }, "wonUnopposed" : { "$cond" : { "if" : "$uncontested", "then" : "$seatsContested", "else" : 0 } }, "contested" : { "$cond" : { "if" : { "$and" : [{ "$eq" : ["$status", "Declared"] }, { "$not" : "$uncontested" }] }, "then" : 1, "else" : 0 } }, "uncontested" : { "$cond" : { "if" : "$uncontested", "then" : 1, "else" : 0 } }, "uncontestedSeats" : { "$cond" : { "if" : "$uncontested", "then" : "$seatsContested", "else" : 0 } }, "awaiting" : { "$cond" : { "if" : { "$eq" : ["$status", "Awaiting"] }, "then" : 1, "else" : 0 } }, "_id" : 0 } }, { "$group" : { "_id" : { "councilCode" : "$councilCode" }, "__agg0" : { "$sum" : "$votes" }, "__agg1" : { "$sum" : "$candidates" }, "__agg2" : { "$sum" : "$won" }, "__agg3" : { "$sum" : "$wonUnopposed" }, "__agg4" : { "$sum" : "$contested" }, "__agg5" : { "$sum" : "$uncontested" }, "__agg6" : { "$sum" : "$uncontestedSeats" }, "__agg7" : { "$sum" : "$awaiting" } } }, { "$project" : { "key" : "$_id", "votes" : "$__agg0", "candidates" : "$__agg1", "won" : "$__agg2", "wonUnopposed" : "$__agg3", "contested" : "$__agg4", "uncontested" : "$__agg5", "uncontestedSeats" : "$__agg6", "awaiting" : "$__agg7", "_id" : 0 } }])""",
            ]
        },
        {
            """ballots: the closest contests, on the stored majority""",
            """{ ballots(electionId: "local.2019-05-02", where: { uncontested: { eq: false } }, order: [{ majority: ASC }], first: 10) { nodes { id } } }""",
            [
                """offline.ballots.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$match" : { "uncontested" : false } }, { "$project" : { "_id" : 0, "_document" : "$$ROOT", "_key1" : { "$eq" : ["$majority", null] } } }, { "$sort" : { "_key1" : 1, "_document.majority" : 1, "_document._id" : 1 } }, { "$replaceRoot" : { "newRoot" : "$_document" } }, { "$limit" : 11 }])""",
            ]
        },
        {
            """candidates: candidacies unwound, filtered and sorted inside MongoDB""",
            """{ candidates(electionId: "local.2019-05-02", where: { partyCode: { eq: "GRN" }, elected: { eq: true } }, first: 5) { nodes { id } } }""",
            [
                """offline.ballots.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$project" : { "_v" : { "$map" : { "input" : "$candidates", "as" : "c", "in" : { "_id" : { "$concat" : ["$_id", ":", "$$c.name"] }, "electionId" : "$electionId", "ballotId" : "$_id", "council" : "$council", "ward" : "$ward", "seatsContested" : "$seatsContested", "uncontested" : "$uncontested", "name" : "$$c.name", "partyCode" : "$$c.partyCode", "votes" : "$$c.votes", "share" : "$$c.share", "elected" : "$$c.elected", "updatedAt" : "$updatedAt" } } }, "_id" : 0 } }, { "$unwind" : "$_v" }, { "$match" : { "_v.partyCode" : "GRN", "_v.elected" : true } }, { "$project" : { "_id" : 0, "_document" : "$$ROOT", "_key1" : { "$eq" : ["$_v.votes", null] } } }, { "$sort" : { "_document._v.council.name" : 1, "_document._v.ward.name" : 1, "_key1" : 1, "_document._v.votes" : -1, "_document._v._id" : 1 } }, { "$replaceRoot" : { "newRoot" : "$_document" } }, { "$limit" : 6 }])""",
            ]
        },
        {
            """election, party and council by id""",
            """{ election(id: "local.2019-05-02") { name } party(code: "LD") { name } council(code: "E07000170") { name } }""",
            [
                """FirstOrDefault: offline.elections.Aggregate([{ "$match" : { "_id" : "local.2019-05-02" } }])""",
                """FirstOrDefault: offline.parties.Aggregate([{ "$match" : { "_id" : "LD" } }])""",
                """FirstOrDefault: offline.councils.Aggregate([{ "$match" : { "_id" : "E07000170" } }])""",
            ]
        },
        {
            """node and nodes: a prefixed id is looked up in its type's collection, any other where stored ids are global ids""",
            """{ nodes(ids: ["council:E07000170", "local.2019-05-02", "party:LD", "party:LAB"]) { id } }""",
            [
                """offline.councils.Aggregate([{ "$match" : { "_id" : { "$in" : ["E07000170"] } } }])""",
                """offline.elections.Aggregate([{ "$match" : { "_id" : { "$in" : ["local.2019-05-02"] } } }])""",
                """offline.ballots.Aggregate([{ "$match" : { "_id" : { "$in" : ["local.2019-05-02"] } } }])""",
                """offline.councilResults.Aggregate([{ "$match" : { "_id" : { "$in" : ["local.2019-05-02"] } } }])""",
                """offline.mayoralties.Aggregate([{ "$match" : { "_id" : { "$in" : ["local.2019-05-02"] } } }])""",
                """offline.parties.Aggregate([{ "$match" : { "_id" : { "$in" : ["LD", "LAB"] } } }])""",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_operation_runs_as_these_pipelines(string what, string operation, string[] pipelines)
    {
        var issued = await mongo.Of(operation);

        Assert.True(issued.SequenceEqual(pipelines), $"{what}:\n{string.Join("\n", issued)}");
    }

    [Fact]
    public void A_batch_of_documents_by_id_is_one_in_query()
    {
        Assert.Equal(
            """offline.parties.Aggregate([{ "$match" : { "_id" : { "$in" : ["LAB", "LD"] } } }])""",
            Loaders.ByIds(MongoPipelines.Query<Party>(), ["LAB", "LD"]).ToString());
    }

    [Fact]
    public void A_page_of_results_finds_all_its_ballots_in_one_query()
    {
        Assert.Equal(
            """offline.ballots.Aggregate([{ "$match" : { "council.code" : { "$in" : ["E07000026", "E06000022"] } } }, { "$sort" : { "ward.name" : 1 } }])""",
            BallotQueries.ForCouncils(MongoPipelines.Query<Ballot>(), ["E07000026", "E06000022"]).ToString());
    }

    [Fact]
    public void A_batch_of_ballots_by_id_is_one_in_query()
    {
        Assert.Equal(
            """offline.ballots.Aggregate([{ "$match" : { "_id" : { "$in" : ["local.eden.appleby-appleby.2019-05-02", "local.hertsmere.borehamwood-kenilworth.2019-05-02"] } } }])""",
            Loaders.ByIds(MongoPipelines.Query<Ballot>(), ["local.eden.appleby-appleby.2019-05-02", "local.hertsmere.borehamwood-kenilworth.2019-05-02"]).ToString());
    }

    /// <summary>The derived figures are stored fields, so MongoDB filters and sorts on them (their index: MongoIndexes).</summary>
    [Fact]
    public void The_closest_contests_are_filtered_and_sorted_on_the_stored_majority_inside_MongoDB()
    {
        var closest = MongoPipelines.Query<Ballot>()
            .Where(b => b.ElectionId == "local.2019-05-02" && b.Majority != null && b.MajorityShare < 1m)
            .OrderBy(b => b.Majority).ThenBy(b => b.Id).Take(10);

        Assert.Equal(
            """offline.ballots.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02", "majority" : { "$ne" : null }, "majorityShare" : { "$lt" : { "$numberDecimal" : "1" } } } }, { "$sort" : { "majority" : 1, "_id" : 1 } }, { "$limit" : 10 }])""",
            closest.ToString());
    }

    [Fact]
    public void The_key_list_is_sorted_inside_MongoDB()
    {
        Assert.Equal(
            """offline.apiKeys.Aggregate([{ "$sort" : { "createdAt" : 1, "_id" : 1 } }])""",
            ApiKeyRegistry.Oldest(MongoPipelines.Query<ApiKey>()).ToString());
    }

    [Fact]
    public void The_webhooks_queries_run_inside_MongoDB()
    {
        var now = new DateTime(2019, 5, 3, 1, 30, 0, DateTimeKind.Utc);
        Assert.Equal(
            """offline.webhooks.Aggregate([{ "$match" : { "ownerKeyId" : "key_1", "status" : { "$ne" : "Deleted" } } }, { "$sort" : { "createdAt" : 1, "_id" : 1 } }])""",
            WebhookQueries.Owned(MongoPipelines.Query<Webhook>(), "key_1").ToString());
        Assert.Equal(
            """offline.webhooks.Aggregate([{ "$match" : { "status" : { "$ne" : "Deleted" }, "createdAt" : { "$lt" : { "$date" : "2019-05-03T01:30:00Z" } } } }])""",
            WebhookQueries.RegisteredBefore(MongoPipelines.Query<Webhook>(), now).ToString());
        Assert.Equal(
            """offline.webhookDeliveries.Aggregate([{ "$match" : { "$and" : [{ "status" : "Pending" }, { "nextAttemptAt" : { "$lte" : { "$date" : "2019-05-03T01:30:00Z" } } }, { "$or" : [{ "leaseUntil" : null }, { "leaseUntil" : { "$lt" : { "$date" : "2019-05-03T01:30:00Z" } } }] }] } }, { "$sort" : { "nextAttemptAt" : 1, "_id" : 1 } }, { "$limit" : 256 }])""",
            WebhookQueries.Due(MongoPipelines.Query<WebhookDelivery>(), now, 256).ToString());
        Assert.Equal(
            """offline.webhookDeliveries.Aggregate([{ "$match" : { "webhookId" : "wh_1", "status" : "Pending", "nextAttemptAt" : null } }])""",
            WebhookQueries.Held(MongoPipelines.Query<WebhookDelivery>(), "wh_1").ToString());
        Assert.Equal(
            """offline.webhookDeliveries.Aggregate([{ "$match" : { "webhookId" : "wh_1" } }, { "$match" : { "status" : "Failed" } }, { "$sort" : { "createdAt" : -1, "_id" : -1 } }, { "$limit" : 20 }])""",
            WebhookQueries.Recent(MongoPipelines.Query<WebhookDelivery>(), "wh_1", DeliveryStatus.Failed, 20).ToString());
    }

    [Fact]
    public void A_batch_of_councils_results_is_one_in_query()
    {
        Assert.Equal(
            """offline.councilResults.Aggregate([{ "$match" : { "council.code" : { "$in" : ["E07000170"] } } }, { "$sort" : { "electionId" : -1 } }])""",
            Loaders.ForCouncils(MongoPipelines.Query<CouncilResult>(), ["E07000170"]).ToString());
    }
}
