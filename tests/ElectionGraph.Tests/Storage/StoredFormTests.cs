using ElectionGraph.Domain.Access;
using ElectionGraph.Domain.Ballots;
using ElectionGraph.Domain.Results;
using ElectionGraph.Domain.Webhooks;
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
        Assert.False(body.Contains("isDeclared")); // computed from the status, which is stored
    }

    [Fact]
    public void A_ballot_is_stored_with_its_ward_ranked_candidates_and_derived_figures()
    {
        var seed = SeedReader.Read(Repo.Seed);
        var appleby = seed.Ballots.Single(b => b.Id == "local.eden.appleby-appleby.2019-05-02");
        var allhallows = seed.Ballots.Single(b => b.Id == "local.allerdale.allhallows-and-waverton.2019-05-02");

        var body = DocumentBson.ToBson(appleby);
        var uncontested = DocumentBson.ToBson(allhallows);

        Assert.Equal("local.eden.appleby-appleby.2019-05-02", body["_id"].AsString);
        Assert.Equal(
            """{ "code" : "E07000030", "name" : "Eden", "region" : "North West", "type" : "District", "nation" : "England" }""",
            body["council"].ToJson());
        Assert.Equal("""{ "name" : "Appleby (Appleby)", "code" : "E05003206" }""", body["ward"].ToJson());
        Assert.Equal((1, false), (body["seatsContested"].AsInt32, body["uncontested"].AsBoolean));
        Assert.Equal(
            """[{ "name" : "Karen Greenwood", "partyCode" : "IND", "votes" : 232, "share" : { "$numberDecimal" : "85.6" }, "elected" : true }, """
            + """{ "name" : "Ronald Kenyon", "partyCode" : "CON", "votes" : 39, "share" : { "$numberDecimal" : "14.4" }, "elected" : false }]""",
            body["candidates"].ToJson());
        // Derived, and stored so that MongoDB filters and sorts on them: the closest contests are an index away.
        Assert.Equal("""{ "totalVotes" : 271, "majority" : 193, "majorityShare" : { "$numberDecimal" : "71.2" }, "turnout" : null }""",
            Fields(body, "totalVotes", "majority", "majorityShare", "turnout"));
        Assert.Equal("""[{ "name" : "Mike Johnson", "partyCode" : "CON", "votes" : null, "share" : null, "elected" : true }]""", uncontested["candidates"].ToJson());
        Assert.Equal("""{ "uncontested" : true, "totalVotes" : null, "majority" : null, "majorityShare" : null }""",
            Fields(uncontested, "uncontested", "totalVotes", "majority", "majorityShare"));
        // Where it stands on the night: a seeded ballot is declared, by no desk declaration. IsDeclared is not stored:
        // status says it, and only what is stored can be filtered in MongoDB.
        Assert.Equal("""{ "status" : "Declared", "declaredAt" : null, "declarationIds" : [] }""", Fields(body, "status", "declaredAt", "declarationIds"));
        Assert.False(body.Contains("isDeclared"));
        Assert.Equal("Declared", uncontested["status"].AsString);
        var read = DocumentBson.FromBson<Ballot>(body);
        Assert.Equal((appleby.Id, appleby.Ward, 193, 71.2m), (read.Id, read.Ward, read.Majority, read.MajorityShare));
        Assert.Equal(appleby.Candidates, read.Candidates);
        Assert.Equal((BallotStatus.Declared, null, 0), (read.Status, read.DeclaredAt, read.DeclarationIds.Count));
    }

    [Fact]
    public void A_ballot_is_stored_awaiting_on_polling_day_with_no_figures_and_once_declared_with_its_declaration()
    {
        var appleby = SeedReader.Read(Repo.Seed).Ballots.Single(b => b.Id == "local.eden.appleby-appleby.2019-05-02");
        var at = new DateTime(2019, 5, 3, 0, 40, 0, DateTimeKind.Utc);
        var declaration = new BallotDeclaration("desk-1", appleby.Id, [new("Karen Greenwood", 232, true), new("Ronald Kenyon", 39, false)], at);

        var nominated = DocumentBson.ToBson(appleby.AsNominated());
        var declared = DocumentBson.ToBson(declaration.ToBallot(appleby.AsNominated(), []));

        Assert.Equal(
            """{ "candidates" : [{ "name" : "Karen Greenwood", "partyCode" : "IND", "votes" : null, "share" : null, "elected" : false }, """
            + """{ "name" : "Ronald Kenyon", "partyCode" : "CON", "votes" : null, "share" : null, "elected" : false }], "status" : "Awaiting", "declaredAt" : null,"""
            + """ "declarationIds" : [], "totalVotes" : null, "majority" : null, "majorityShare" : null }""",
            Fields(nominated, "candidates", "status", "declaredAt", "declarationIds", "totalVotes", "majority", "majorityShare"));
        Assert.Equal(
            """{ "status" : "Declared", "declaredAt" : { "$date" : "2019-05-03T00:40:00Z" }, "declarationIds" : ["desk-1"], "majority" : 193 }""",
            Fields(declared, "status", "declaredAt", "declarationIds", "majority"));
        Assert.Equal(appleby.Candidates, DocumentBson.FromBson<Ballot>(declared).Candidates);
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
    public void A_webhook_delivery_is_stored_with_its_status_attempts_and_lease()
    {
        var at = new DateTime(2019, 5, 3, 1, 0, 0, DateTimeKind.Utc);
        var delivery = WebhookDocuments.Delivery("whd_1", "wh_1", at) with
        {
            Attempts = [new DeliveryAttempt(at, 120, 503, "HTTP 503")], LeaseUntil = at.AddSeconds(25), LeasedBy = "api-1", Version = 2, UpdatedAt = at,
        };

        var body = DocumentBson.ToBson(delivery);

        Assert.Equal(
            """{ "_id" : "whd_1", "webhookId" : "wh_1", "eventId" : "evt_whd_1", "documentId" : "doc_whd_1", "documentVersion" : 1, "declaredAt" : { "$date" : "2019-05-03T01:00:00Z" }, "body" : "{\"data\":{\"id\":\"whd_1\"}}", "status" : "Pending", "attempts" : [{ "at" : { "$date" : "2019-05-03T01:00:00Z" }, "durationMs" : 120, "statusCode" : 503, "error" : "HTTP 503" }], "nextAttemptAt" : { "$date" : "2019-05-03T01:00:00Z" }, "leaseUntil" : { "$date" : "2019-05-03T01:00:25Z" }, "leasedBy" : "api-1", "createdAt" : { "$date" : "2019-05-03T01:00:00Z" }, "deliveredAt" : null, "version" : 2, "updatedAt" : { "$date" : "2019-05-03T01:00:00Z" } }""",
            body.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.RelaxedExtendedJson }));
        Assert.Equal(delivery, DocumentBson.FromBson<WebhookDelivery>(body) with { Attempts = delivery.Attempts });
        Assert.Equal(delivery.Attempts, DocumentBson.FromBson<WebhookDelivery>(body).Attempts);
    }

    [Fact]
    public void Stamping_sets_version_and_time_and_round_trips()
    {
        var party = SeedReader.Read(Repo.Seed).Parties.First();
        var at = new DateTime(2019, 5, 3, 1, 30, 0, DateTimeKind.Utc);

        var stored = DocumentBson.FromBson<ElectionGraph.Domain.Parties.Party>(DocumentBson.Stamp(DocumentBson.ToBson(party), 7, at));

        Assert.Equal(party with { Version = 7, UpdatedAt = at }, stored);
    }

    /// <summary>Some of a body's fields, in the order given, as JSON.</summary>
    private static string Fields(BsonDocument body, params string[] names) => new BsonDocument(names.Select(body.GetElement)).ToJson();
}
