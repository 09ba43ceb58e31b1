using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Webhooks;

/// <summary>What a partner may register: a subscription to declarations, valid with its variables, to a public https URL.</summary>
public sealed class WebhookRegistrationTests : IDisposable
{
    private const string Create = "mutation Create($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }";

    private static readonly string Declared = $$"""subscription { councilResultDeclared(electionId: "{{Seed.Election}}") { id } }""";

    private readonly TempDirectory _data = new();

    /// <summary>As on a public deployment: no private addresses.</summary>
    private ApiFactory Production(params (string, string)[] settings) =>
        ApiFactory.OnPollingDay(_data, [("ElectionGraph:Webhooks:AllowPrivateAddresses", "false"), .. settings]);

    public static TheoryData<string, string> RefusedUrls => new()
    {
        { "http://hooks.example.org/results", "must be https" },
        { "https://127.0.0.1/results", "private, loopback or link-local" },
        { "https://localhost:8443/results", "private, loopback or link-local" },
        { "https://api.localhost/results", "private, loopback or link-local" },
        { "https://10.1.2.3/results", "private, loopback or link-local" },
        { "https://192.168.0.10/results", "private, loopback or link-local" },
        { "https://169.254.169.254/latest/meta-data", "private, loopback or link-local" },
        { "https://[::1]/results", "private, loopback or link-local" },
        { "https://[fd00::1]/results", "private, loopback or link-local" },
        { "https://[::ffff:10.0.0.1]/results", "private, loopback or link-local" },
        { "https://user:password@hooks.example.org/results", "user name or password" },
        { "ftp://hooks.example.org/results", "absolute https URL" },
        { "/results", "absolute https URL" },
    };

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task A_callback_url_outside_the_policy_is_refused(string url, string why)
    {
        using var api = Production();
        var partner = await PartnerWebhooks.IssueAsync(api);

        var (code, message) = await partner.ErrorAsync(Create, new { input = new { url, query = Declared } });

        Assert.Equal("INVALID_WEBHOOK", code);
        Assert.Contains(why, message);
    }

    public static TheoryData<string, object?, string, string> RefusedDocuments => new()
    {
        { $$"""{ councilResults(electionId: "{{Seed.Election}}") { totalCount } }""", null, "INVALID_WEBHOOK", "must be a subscription" },
        { $$"""subscription { partyTotalsChanged(electionId: "{{Seed.Election}}") { partyCode } }""", null, "INVALID_WEBHOOK", "follows declarations" },
        { $$"""subscription { a: councilResultDeclared(electionId: "{{Seed.Election}}") { id } b: ballotDeclared(electionId: "{{Seed.Election}}") { id } }""", null, "INVALID_WEBHOOK", "exactly one subscription field" },
        { $$"""subscription { councilResultDeclared(electionId: "{{Seed.Election}}") { nonsense } }""", null, "FIELDS_ON_CORRECT_TYPE", "nonsense" },
        { "subscription($e: ID!) { councilResultDeclared(electionId: $e) { id } }", null, "INVALID_VALUE", "$e" },
        { "subscription($e: ID!) { councilResultDeclared(electionId: $e) { id } }", new { e = new[] { 1, 2 } }, "INVALID_VALUE", "$e" },
        { "subscription { councilResultDeclared(", null, "SYNTAX_ERROR", "" },
    };

    [Theory]
    [MemberData(nameof(RefusedDocuments))]
    public async Task A_document_that_is_not_one_valid_subscription_to_declarations_is_refused(string query, object? variables, string expectedCode, string why)
    {
        using var api = Production();
        var partner = await PartnerWebhooks.IssueAsync(api);

        var (code, message) = await partner.ErrorAsync(Create, new { input = new { url = "https://hooks.example.org/results", query, variables } });

        Assert.Equal(expectedCode, code);
        Assert.Contains(why, message);
        Assert.Empty((await partner.ListAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A_key_has_at_most_its_limit_of_webhooks_and_a_deleted_one_makes_room()
    {
        using var api = Production(("ElectionGraph:Webhooks:MaxPerKey", "2"));
        var partner = await PartnerWebhooks.IssueAsync(api);
        var input = new { input = new { url = "https://hooks.example.org/results", query = Declared } };
        await partner.DataAsync(Create, input);
        var second = (await partner.CreateAsync(new Uri("https://hooks.example.org/second"), Declared, new { })).Id;

        Assert.Equal("TOO_MANY_WEBHOOKS", (await partner.ErrorAsync(Create, input)).Code);
        await partner.DataAsync("mutation($id: ID!) { deleteWebhook(id: $id) { id } }", new { id = second });
        await partner.DataAsync(Create, input);
    }

    [Fact]
    public async Task Variables_are_kept_as_given_inline_or_as_a_variable()
    {
        using var api = Production();
        var partner = await PartnerWebhooks.IssueAsync(api);
        const string Query = "subscription($e: ID!, $r: String!) { councilResultDeclared(electionId: $e, where: { council: { region: { eq: $r } } }) { id } }";

        await partner.DataAsync(Create, new { input = new { url = "https://hooks.example.org/a", query = Query, variables = new { e = Seed.Election, r = "London" } } });
        await partner.DataAsync($$"""mutation { createWebhook(input: { url: "https://hooks.example.org/b", query: "{{Query.Replace("\"", "\\\"")}}", variables: { e: "{{Seed.Election}}", r: "Wales" } }) { secret } }""");

        var listed = (await partner.DataAsync("{ webhooks { variables } }")).GetProperty("webhooks");
        Assert.Equal(["London", "Wales"], listed.EnumerateArray().Select(w => w.GetProperty("variables").GetProperty("r").GetString()));
        Assert.All(listed.EnumerateArray(), w => Assert.Equal(Seed.Election, w.GetProperty("variables").GetProperty("e").GetString()));
    }

    public void Dispose() => _data.Dispose();
}
