using System.Text;
using System.Text.Json;
using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Conventions.Paging;
using ElectionGraph.Api.Conventions.Sorting;
using ElectionGraph.Domain.Councils;
using ElectionGraph.Tests.Support;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Tests.Limits;

/// <summary>Cursors are signed: only those this API handed out are decoded, however well formed a forgery is.</summary>
public class CursorTests(SeededApi seeded) : IClassFixture<SeededApi>
{
    private const string Page = """
        query($after: String) { councilResults(electionId: "local.2019-05-02", first: 2, after: $after) { nodes { id } pageInfo { endCursor } } }
        """;

    private static async Task<(JsonElement Answer, string? EndCursor)> PageAfter(ApiFactory api, string? after)
    {
        var answer = await api.PostAsync(new { query = Page, variables = new { after } });
        var cursor = answer.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data.GetProperty("councilResults").GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        return (answer, cursor);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Bytes(string cursor)
    {
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
    }

    private static void Refused(JsonElement answer)
    {
        Assert.Equal(["INVALID_CURSOR"], EveryTransport.Codes(answer.GetProperty("errors")));
        Assert.Contains("not a cursor from this API", answer.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_well_formed_cursor_with_null_keys_that_this_API_did_not_sign_is_refused()
    {
        var (_, real) = await PageAfter(seeded.Api, null);
        // The payload a real cursor carries after its 32-byte signature: the query's fingerprint, and the keys.
        var fingerprint = JsonDocument.Parse(Bytes(real!)[32..]).RootElement.GetProperty("f").GetString();
        var forged = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { f = fingerprint, k = new object?[] { null, null } }));

        var (unsigned, _) = await PageAfter(seeded.Api, Base64Url(forged));
        var (fakeSignature, _) = await PageAfter(seeded.Api, Base64Url([.. new byte[32], .. forged]));

        Refused(unsigned);
        Refused(fakeSignature);
    }

    [Fact]
    public async Task A_cursor_altered_by_one_byte_is_refused()
    {
        var (_, real) = await PageAfter(seeded.Api, null);
        var bytes = Bytes(real!);
        bytes[^3] ^= 1;

        Refused((await PageAfter(seeded.Api, Base64Url(bytes))).Answer);
    }

    [Fact]
    public async Task Instances_sharing_the_secret_continue_each_others_pages_and_another_secret_refuses_them()
    {
        using var sameData = new TempDirectory();
        using var otherData = new TempDirectory();
        using var same = new ApiFactory(sameData.Path); // the tests' shared secret, as instances behind one load balancer
        using var other = new ApiFactory(otherData.Path, settings: new Dictionary<string, string> { ["ElectionGraph:Cursors:Secret"] = "another secret" });
        var (_, cursor) = await PageAfter(seeded.Api, null);

        var (here, _) = await PageAfter(seeded.Api, cursor);
        var (there, _) = await PageAfter(same, cursor);
        var (elsewhere, _) = await PageAfter(other, cursor);

        Assert.Equal(here.GetProperty("data").GetRawText(), there.GetProperty("data").GetRawText());
        Refused(elsewhere);
    }

    [Fact]
    public void Without_a_configured_secret_each_process_signs_with_its_own()
    {
        var keys = new[] { SortKey.Asc<Council, string>(c => c.Name) };
        var one = new Cursors(Options.Create(new CursorOptions()));
        var two = new Cursors(Options.Create(new CursorOptions()));
        var cursor = one.Encode("fingerprint", ["Ashfield"]);

        Assert.Equal(["Ashfield"], one.Decode(cursor, "fingerprint", keys));
        Assert.Equal("INVALID_CURSOR", Assert.Throws<FilterError>(() => two.Decode(cursor, "fingerprint", keys)).Code);
    }
}
