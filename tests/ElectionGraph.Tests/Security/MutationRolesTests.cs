using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ElectionGraph.Api.Access;
using ElectionGraph.Api.Schema;
using ElectionGraph.Api.Webhooks;
using ElectionGraph.Domain.Access;
using ElectionGraph.Storage;
using ElectionGraph.Tests.Support;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Security;

/// <summary>
/// Every mutation the schema has is refused to keys without its role and to anonymous callers on every transport, and
/// the store is left exactly as it was; a key with the mutation's role then runs the very same operation.
/// </summary>
public sealed class MutationRolesTests
{
    private static readonly ISchema Schema = SchemaOf();

    private static ISchema SchemaOf()
    {
        var services = new ServiceCollection().AddElectionGraphSchema().BuildServiceProvider();
        var schema = services.GetRequiredService<ISchema>();
        schema.Initialize();
        return schema;
    }

    /// <summary>Straight from the schema, so a new mutation is covered (and fails here until it has a valid example below).</summary>
    public static TheoryData<string> Mutations => [.. Schema.Mutation!.Fields.Select(f => f.Name)];

    /// <summary>What a valid mutation may name: a partner's key, and two webhooks of that partner's, one active and one paused.</summary>
    private sealed record Given(string PartnerKeyId, string ActiveWebhookId, string PausedWebhookId);

    /// <summary>A mutation that succeeds for a caller with its role.</summary>
    private static readonly Dictionary<string, Func<Given, (string Query, object Variables)>> Valid = new()
    {
        ["declareCouncilResult"] = _ => (ResultsDesk.Declare, new { input = ResultsDesk.Input(ResultsDesk.Declarable[1], "valid") }),
        ["correctCouncilResult"] = _ => (ResultsDesk.Correct, new { input = ResultsDesk.Input(ResultsDesk.Declarable[0], "valid", expectedVersion: 1) }),
        ["declareMayoralResult"] = _ => ("""
            mutation Declare($input: DeclareMayoralResultInput!) { declareMayoralResult(input: $input) { winner { name } } }
            """, new
        {
            input = new
            {
                declarationId = "valid", mayoraltyId = "mayor.mansfield.2019-05-02", electionId = Seed.Election, areaName = "Mansfield",
                votingSystem = "SUPPLEMENTARY_VOTE", previousPartyCode = "MIF",
                candidates = new object[]
                {
                    new { name = "Andy Abrahams", partyCode = "LAB", firstRound = 6881, secondRound = 7930 },
                    new { name = "Kate Allsop", partyCode = "MIF", firstRound = 5860, secondRound = 7928 },
                    new { name = "Steve Garner", partyCode = "IND", firstRound = 4827 },
                },
            },
        }),
        ["declareBallotResult"] = _ => (ResultsDesk.DeclareBallot, new
        {
            input = ResultsDesk.BallotInput(Seed.Documents.Ballots.First(b => !b.Uncontested), "valid"),
        }),
        ["createApiKey"] = _ => ("""
            mutation Create($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }
            """, new { input = new { name = "A newsroom", roles = new[] { "PARTNER" } } }),
        ["revokeApiKey"] = given => ("""
            mutation Revoke($id: ID!) { revokeApiKey(id: $id) { revokedAt } }
            """, new { id = given.PartnerKeyId }),
        ["createWebhook"] = _ => ("""
            mutation Create($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }
            """, new { input = new { url = "https://hooks.example.org/results", query = WebhookQuery } }),
        ["pauseWebhook"] = given => ("mutation Pause($id: ID!) { pauseWebhook(id: $id) { status } }", new { id = given.ActiveWebhookId }),
        ["resumeWebhook"] = given => ("mutation Resume($id: ID!) { resumeWebhook(id: $id) { status } }", new { id = given.PausedWebhookId }),
        ["rotateWebhookSecret"] = given => ("mutation Rotate($id: ID!) { rotateWebhookSecret(id: $id) { secret } }", new { id = given.ActiveWebhookId }),
        ["deleteWebhook"] = given => ("mutation Delete($id: ID!) { deleteWebhook(id: $id) { status } }", new { id = given.ActiveWebhookId }),
    };

    private const string WebhookQuery = $$"""subscription { councilResultDeclared(electionId: "{{Seed.Election}}") { id } }""";

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task A_mutation_is_refused_to_keys_without_its_role_and_anonymous_callers_on_every_transport_and_changes_nothing(string mutation)
    {
        Assert.True(Valid.ContainsKey(mutation), $"Add a valid {mutation} to {nameof(Valid)}, so it is shown refused to callers without its role.");
        var role = Assert.Single(Schema.Mutation!.GetField(mutation)!.GetRoles() ?? []);
        using var data = new TempDirectory();
        using var api = new ApiFactory(data.Path, settings: ResultsDesk.PollingDay);
        await new ResultsDesk(api).SendAsync(ResultsDesk.Declare, new { input = ResultsDesk.Input(ResultsDesk.Declarable[0], "earlier") });
        var partner = await Keys.IssueAsync(api, Roles.Partner);
        var admin = await Keys.IssueAsync(api, Roles.Admin);
        await LastUseRecordedAsync(api, partner);
        await LastUseRecordedAsync(api, admin);
        var webhooks = api.Services.GetRequiredService<WebhookRegistry>();
        var registration = new WebhookRegistry.Registration("https://hooks.example.org/results", WebhookQuery, null, "{}", null);
        var active = await webhooks.CreateAsync(partner.ApiKey.Id, registration, CancellationToken.None);
        var paused = await webhooks.CreateAsync(partner.ApiKey.Id, registration, CancellationToken.None);
        await webhooks.PauseAsync(partner.ApiKey.Id, paused.Webhook.Id, CancellationToken.None);
        var (query, variables) = Valid[mutation](new Given(partner.ApiKey.Id, active.Webhook.Id, paused.Webhook.Id));
        var store = api.Services.GetRequiredService<IDocumentStore>();
        var before = StoreContents.Of(store);

        var withoutRole = role == Roles.Partner ? admin.Secret : partner.Secret;
        foreach (var (key, status, code) in new[] { (withoutRole, 403, ElectionGraph.Api.Security.RequiredRoles.Forbidden), (null, 401, ElectionGraph.Api.Security.RequiredRoles.Unauthenticated) })
        {
            var post = await Keys.PostAsync(api, key, query, variables);
            var stream = await OverEventStreamAsync(api, key, query, variables);
            var socket = await OverSocketAsync(api, key, query, variables);

            Assert.Equal((status, code, JsonValueKind.Undefined), (post.Status, Keys.Code(post.Body), Data(post.Body)));
            Assert.Equal((status, code, JsonValueKind.Undefined), (stream.Status, Keys.Code(stream.Body), Data(stream.Body)));
            Assert.Equal(("error", code), socket);
        }

        Assert.Equal(before, StoreContents.Of(store));
        var allowed = await Keys.PostAsync(api, role switch { Roles.ResultsDesk => ResultsDesk.Key, Roles.Partner => partner.Secret, _ => admin.Secret }, query, variables);
        Assert.Equal((200, null), (allowed.Status, Keys.Code(allowed.Body)));
        Assert.NotEqual(before, StoreContents.Of(store));
    }

    private static JsonValueKind Data(JsonElement body) => body.TryGetProperty("data", out var data) ? data.ValueKind : JsonValueKind.Undefined;

    /// <summary>Once a key's use is recorded, using it again within the interval writes nothing.</summary>
    private static async Task LastUseRecordedAsync(WebApplicationFactory<Program> api, ApiKeyRegistry.Created key)
    {
        await Keys.PostAsync(api, key.Secret, "{ __typename }");
        var keys = api.Services.GetRequiredService<IDocumentStore>().Collection<ApiKey>();
        await Eventually.HoldsAsync(() => keys.Query().Single(k => k.Id == key.ApiKey.Id).LastUsedAt is not null,
            "the key's last use recorded", () => "none yet");
    }

    private static async Task<(int Status, JsonElement Body)> OverEventStreamAsync(WebApplicationFactory<Program> api, string? key, string query, object variables)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<(string? Type, string? Code)> OverSocketAsync(WebApplicationFactory<Program> api, string? key, string query, object variables)
    {
        await using var socket = await GraphQLSocket.ReadyAsync(api, key);
        await socket.SendAsync(new { id = "m", type = "subscribe", payload = new { query, variables } });
        var answer = await socket.ReceiveAsync();
        return (answer?.GetProperty("type").GetString(), answer?.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
