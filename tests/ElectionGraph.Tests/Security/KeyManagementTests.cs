using System.Net;
using System.Text.RegularExpressions;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Transport;
using ElectionGraph.Domain.Access;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Forbidden = ElectionGraph.Api.Security.RequiredRoles;

namespace ElectionGraph.Tests.Security;

/// <summary>Keys issued, listed and revoked through the API while it runs: by admin keys only.</summary>
public sealed class KeyManagementTests : IDisposable
{
    private const string List = "{ apiKeys { id name contact roles budget { costPerMinute requestsPerMinute webSocketConnections eventStreams } prefix createdAt lastUsedAt revokedAt version updatedAt } }";

    private const string Create = """
        mutation Create($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name roles prefix budget { costPerMinute eventStreams } revokedAt } } }
        """;

    private const string Revoke = "mutation Revoke($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }";

    private readonly TempDirectory _data = new();
    private readonly ApiFactory _api;

    public KeyManagementTests() => _api = new ApiFactory(_data.Path, settings: ResultsDesk.PollingDay);

    [Fact]
    public async Task Only_an_admin_key_sees_the_key_list()
    {
        var partner = await Keys.IssueAsync(_api, Roles.Partner);
        var admin = await Keys.IssueAsync(_api, Roles.Admin);

        var asAnonymous = await Keys.PostAsync(_api, null, List);
        var asPartner = await Keys.PostAsync(_api, partner.Secret, List);
        var asDesk = await Keys.PostAsync(_api, ResultsDesk.Key, List);
        var asAdmin = await Keys.PostAsync(_api, admin.Secret, List);

        Assert.Equal((401, Forbidden.Unauthenticated, false), (asAnonymous.Status, Keys.Code(asAnonymous.Body), asAnonymous.Body.TryGetProperty("data", out _)));
        Assert.Equal((403, Forbidden.Forbidden, false), (asPartner.Status, Keys.Code(asPartner.Body), asPartner.Body.TryGetProperty("data", out _)));
        Assert.Equal((403, Forbidden.Forbidden), (asDesk.Status, Keys.Code(asDesk.Body)));
        Assert.Equal((200, null), (asAdmin.Status, Keys.Code(asAdmin.Body)));
        // Oldest first; keys made within the same millisecond (as stored) by id.
        Assert.Equal(new[] { partner.ApiKey, admin.ApiKey }.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal).Select(k => k.Id),
            asAdmin.Body.GetProperty("data").GetProperty("apiKeys").EnumerateArray().Select(k => k.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task An_admin_s_GET_of_the_key_list_is_kept_from_shared_caches()
    {
        var admin = await Keys.IssueAsync(_api, Roles.Admin);
        await _api.Services.GetRequiredService<DataVersion>().Ready;
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", admin.Secret);

        using var keys = await client.GetAsync("/graphql?query=%7B%20apiKeys%20%7B%20id%20%7D%20%7D");
        using var councils = await client.GetAsync("/graphql?query=%7B%20councils%20%7B%20totalCount%20%7D%20%7D");

        Assert.Equal((HttpStatusCode.OK, "no-store", null), (keys.StatusCode, keys.Headers.CacheControl?.ToString(), keys.Headers.ETag));
        Assert.Contains(admin.ApiKey.Id, await keys.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.OK, true), (councils.StatusCode, councils.Headers.CacheControl!.Public));
    }

    [Fact]
    public async Task An_admin_issues_a_key_that_works_at_once_sees_it_listed_without_its_secret_and_revokes_it_from_the_next_request()
    {
        var admin = await Keys.IssueAsync(_api, Roles.Admin);

        var created = await Keys.PostAsync(_api, admin.Secret, Create, new { input = new { name = "The Courier", contact = "desk@courier.example", roles = new[] { "PARTNER" }, budget = new { costPerMinute = 5000 } } });
        var issued = created.Body.GetProperty("data").GetProperty("createApiKey");
        var secret = issued.GetProperty("secret").GetString()!;
        var id = issued.GetProperty("apiKey").GetProperty("id").GetString()!;
        var works = await Keys.PostAsync(_api, secret, "{ councils { totalCount } }");
        var listed = await Keys.PostAsync(_api, admin.Secret, List);
        var revoked = await Keys.PostAsync(_api, admin.Secret, Revoke, new { id });
        var refused = await Keys.PostAsync(_api, secret, "{ councils { totalCount } }");
        var again = await Keys.PostAsync(_api, admin.Secret, Revoke, new { id });
        var unknown = await Keys.PostAsync(_api, admin.Secret, Revoke, new { id = "key_0000000000000000" });

        Assert.Matches(new Regex("^eg_live_[A-Za-z0-9_-]{43}$"), secret);
        Assert.Equal(
            $$"""{"id":"{{id}}","name":"The Courier","roles":["PARTNER"],"prefix":"{{secret[..14]}}","budget":{"costPerMinute":5000,"eventStreams":null},"revokedAt":null}""",
            issued.GetProperty("apiKey").GetRawText());
        Assert.Equal((200, null), (works.Status, Keys.Code(works.Body)));
        var listing = listed.Body.GetRawText();
        Assert.Contains(id, listing);
        Assert.DoesNotContain(secret[14..], listing);
        Assert.DoesNotContain(ElectionGraph.Api.Security.KeySecrets.Hash(secret), listing);
        var revokedAt = revoked.Body.GetProperty("data").GetProperty("revokeApiKey").GetProperty("revokedAt").GetString();
        Assert.NotNull(revokedAt);
        Assert.Equal((401, "INVALID_API_KEY", "This API key has been revoked."),
            (refused.Status, Keys.Code(refused.Body), refused.Body.GetProperty("errors")[0].GetProperty("message").GetString()));
        Assert.Equal(revokedAt, again.Body.GetProperty("data").GetProperty("revokeApiKey").GetProperty("revokedAt").GetString());
        Assert.Equal("NOT_FOUND", Keys.Code(unknown.Body));
    }

    [Fact]
    public async Task A_key_is_refused_with_each_problem_of_its_request()
    {
        var admin = await Keys.IssueAsync(_api, Roles.Admin);

        var refused = await Keys.PostAsync(_api, admin.Secret, Create, new { input = new { name = " ", roles = Array.Empty<string>(), budget = new { eventStreams = -1 } } });
        var listed = await Keys.PostAsync(_api, admin.Secret, List);

        Assert.Equal(("INVALID_INPUT", "The key was not issued: name: must not be empty; roles: at least one of partner, results-desk, admin; budget.eventStreams: cannot be negative"),
            (Keys.Code(refused.Body), refused.Body.GetProperty("errors")[0].GetProperty("message").GetString()));
        Assert.Single(listed.Body.GetProperty("data").GetProperty("apiKeys").EnumerateArray());
    }

    [Fact]
    public async Task In_rehearsal_mode_every_issued_key_is_a_test_key()
    {
        using var rehearsal = new ApiFactory(_data["rehearsal"], settings: new Dictionary<string, string>(ResultsDesk.PollingDay) { ["ElectionGraph:Rehearsal"] = "true" });
        var admin = await Keys.IssueAsync(rehearsal, Roles.Admin);

        var created = await Keys.PostAsync(rehearsal, admin.Secret, Create, new { input = new { name = "Practice", roles = new[] { "PARTNER" } } });
        var live = await Keys.PostAsync(_api, (await Keys.IssueAsync(_api, Roles.Admin)).Secret, Create, new { input = new { name = "Practice", roles = new[] { "PARTNER" }, test = true } });

        Assert.StartsWith("eg_test_", created.Body.GetProperty("data").GetProperty("createApiKey").GetProperty("secret").GetString());
        Assert.StartsWith("eg_test_", live.Body.GetProperty("data").GetProperty("createApiKey").GetProperty("secret").GetString());
    }

    [Fact]
    public async Task A_role_counts_only_in_the_operation_that_runs_with_the_fragments_it_spreads_cached_or_not()
    {
        var admin = await Keys.IssueAsync(_api, Roles.Admin);
        var partner = await Keys.IssueAsync(_api, Roles.Partner);
        const string twoOperations = "query Councils { councils { totalCount } } query Keys { apiKeys { id } }";
        const string spread = "{ ...Admin } fragment Admin on Query { apiKeys { id } }";

        var byAdmin = await Keys.PostAsync(_api, admin.Secret, twoOperations, operationName: "Keys");
        var byPartner = await Keys.PostAsync(_api, partner.Secret, twoOperations, operationName: "Keys");
        var councils = await Keys.PostAsync(_api, partner.Secret, twoOperations, operationName: "Councils");
        var spreadByAdmin = await Keys.PostAsync(_api, admin.Secret, spread);
        var spreadByPartner = await Keys.PostAsync(_api, partner.Secret, spread);
        // Councils is now known to need no role, and is no longer walked for roles; Keys still is, for every caller.
        var keysAgain = await Keys.PostAsync(_api, partner.Secret, twoOperations, operationName: "Keys");
        var document = _api.Services.GetRequiredService<DocumentCache>().Parse(twoOperations).Document!;

        Assert.Null(Keys.Code(byAdmin.Body));
        Assert.Equal(Forbidden.Forbidden, Keys.Code(byPartner.Body)); // the same text, validated for the admin and cached since
        Assert.Equal(259, councils.Body.GetProperty("data").GetProperty("councils").GetProperty("totalCount").GetInt32());
        Assert.Null(Keys.Code(spreadByAdmin.Body));
        Assert.Equal(Forbidden.Forbidden, Keys.Code(spreadByPartner.Body));
        Assert.Equal(Forbidden.Forbidden, Keys.Code(keysAgain.Body));
        Assert.True(RequiredRoles.NoneIn(ParsedDocument.Select(document, "Councils")!));
        Assert.False(RequiredRoles.NoneIn(ParsedDocument.Select(document, "Keys")!));
    }

    public void Dispose()
    {
        _api.Dispose();
        _data.Dispose();
    }
}
