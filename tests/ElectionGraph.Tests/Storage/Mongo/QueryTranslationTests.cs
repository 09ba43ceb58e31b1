using ElectionGraph.Api.Councils;
using ElectionGraph.Api.Elections;
using ElectionGraph.Api.Mayoralties;
using ElectionGraph.Api.Parties;
using ElectionGraph.Api.Results;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Domain.Elections;
using ElectionGraph.Domain.Mayoralties;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Domain.Results;
using static ElectionGraph.Tests.Storage.Mongo.OfflineMongo;

namespace ElectionGraph.Tests.Storage.Mongo;

/// <summary>
/// Every query the API issues, as the MQL MongoDB runs: filters and sorts are in the pipeline, on the
/// indexed fields, never done in the API.
/// </summary>
public class QueryTranslationTests
{
    public static TheoryData<string, Func<string>, string> Queries => new()
    {
        { "elections", () => Mql(ElectionQueries.All(Query<Election>())),
            """offline.elections.Aggregate([{ "$sort" : { "date" : -1, "_id" : 1 } }])""" },
        { "election(id)", () => Mql(ElectionQueries.ById(Query<Election>(), "local.2019-05-02")),
            """offline.elections.Aggregate([{ "$match" : { "_id" : "local.2019-05-02" } }])""" },
        { "parties", () => Mql(PartyQueries.All(Query<Party>())),
            """offline.parties.Aggregate([{ "$sort" : { "_id" : 1 } }])""" },
        { "party(code)", () => Mql(PartyQueries.ByCode(Query<Party>(), "LD")),
            """offline.parties.Aggregate([{ "$match" : { "_id" : "LD" } }])""" },
        { "councils", () => Mql(CouncilQueries.All(Query<Council>())),
            """offline.councils.Aggregate([{ "$sort" : { "name" : 1, "_id" : 1 } }])""" },
        { "council(code)", () => Mql(CouncilQueries.ByCode(Query<Council>(), "E06000022")),
            """offline.councils.Aggregate([{ "$match" : { "_id" : "E06000022" } }])""" },
        { "councilResults(electionId)", () => Mql(ResultQueries.ForElection(Query<CouncilResult>(), "local.2019-05-02")),
            """offline.councilResults.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$sort" : { "council.name" : 1, "_id" : 1 } }])""" },
        { "Council.results", () => Mql(ResultQueries.ForCouncil(Query<CouncilResult>(), "E06000022")),
            """offline.councilResults.Aggregate([{ "$match" : { "council.code" : "E06000022" } }, { "$sort" : { "electionId" : -1 } }])""" },
        { "mayoralties(electionId)", () => Mql(MayoraltyQueries.ForElection(Query<Mayoralty>(), "local.2019-05-02")),
            """offline.mayoralties.Aggregate([{ "$match" : { "electionId" : "local.2019-05-02" } }, { "$sort" : { "areaName" : 1, "_id" : 1 } }])""" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Each_API_query_runs_inside_MongoDB(string field, Func<string> translate, string mql)
    {
        Assert.True(mql == translate(), $"{field} translates to {translate()}");
    }
}
