using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage.Bson;
using ElectionGraph.Storage.Seeding;
using ElectionGraph.Tests.Support;
using MongoDB.Bson;

namespace ElectionGraph.Tests.Storage;

/// <summary>The stored form of a document, the same in both stores: what a MongoDB user sees.</summary>
public class StoredFormTests
{
    [Fact]
    public void A_council_result_is_stored_with_camel_case_fields_string_enums_and_embedded_seat_rows()
    {
        var ashfield = SeedReader.Read(Repo.Seed).CouncilResults.Single(r => r.Council.Code == "E07000170");

        var body = DocumentBson.ToBson(ashfield);

        Assert.Equal("local.2019-05-02:E07000170", body["_id"].AsString);
        Assert.Equal(
            """{ "code" : "E07000170", "name" : "Ashfield", "region" : "East Midlands", "type" : "District", "nation" : "England" }""",
            body["council"].ToJson());
        Assert.Equal("""{ "before" : "NOC", "after" : "ASHFIELD_IND", "changed" : true }""", body["control"].ToJson());
        Assert.Equal(
            """{ "partyCode" : "LAB", "won" : 2, "change" : -20, "changeBasis" : "PreviousElection", "totalAfter" : 2 }""",
            body["seats"].AsBsonArray.Single(s => s["partyCode"] == "LAB").ToJson());
        Assert.Equal("AllOut", body["cycle"].AsString);
        Assert.Equal(BsonType.Null, body["declaredAt"].BsonType);
    }

    [Fact]
    public void Dates_and_decimals_are_stored_as_BSON_dates_and_Decimal128_so_MongoDB_compares_them_as_such()
    {
        var seed = SeedReader.Read(Repo.Seed);

        Assert.Equal(BsonType.DateTime, DocumentBson.ToBson(seed.Elections.Single())["date"].BsonType);
        Assert.Equal(BsonType.Decimal128, DocumentBson.ToBson(seed.Mayoralties.Single(m => m.AreaName == "Copeland"))["turnout"].BsonType);
    }

    [Fact]
    public void An_api_key_is_stored_with_its_hash_roles_and_budget()
    {
        var key = Keys.Document("key_0123456789abcdef", new string('a', 64), new ApiKeyBudget(5000, null, 2, null))
            with { Version = 1, UpdatedAt = new DateTime(2019, 5, 2, 21, 0, 0, DateTimeKind.Utc) };

        var body = DocumentBson.ToBson(key);

        Assert.Equal(
            """{ "_id" : "key_0123456789abcdef", "name" : "The Courier", "contact" : "desk@courier.example", "roles" : ["partner", "admin"], "budget" : { "costPerMinute" : 5000, "requestsPerMinute" : null, "webSocketConnections" : 2, "eventStreams" : null }, "prefix" : "eg_live_AbCdEf", "hash" : "HASH", "createdAt" : { "$date" : "2019-05-02T21:00:00Z" }, "lastUsedAt" : null, "revokedAt" : null, "version" : 1, "updatedAt" : { "$date" : "2019-05-02T21:00:00Z" } }""".Replace("HASH", key.Hash),
            body.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.RelaxedExtendedJson }));
        var read = DocumentBson.FromBson<ApiKey>(body);
        Assert.Equal(key, read with { Roles = key.Roles });
        Assert.Equal(key.Roles, read.Roles);
    }

    [Fact]
    public void Stamping_sets_version_and_time_and_round_trips()
    {
        var party = SeedReader.Read(Repo.Seed).Parties.First();
        var at = new DateTime(2019, 5, 3, 1, 30, 0, DateTimeKind.Utc);

        var stored = DocumentBson.FromBson<ElectionGraph.Domain.Parties.Party>(DocumentBson.Stamped(DocumentBson.ToBson(party), 7, at));

        Assert.Equal(party with { Version = 7, UpdatedAt = at }, stored);
    }
}
