using ElectionGraph.Api.Commands;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Security;

/// <summary><c>keys create|list|revoke</c> on the configured store, with the API stopped.</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    private async Task<(int Exit, string Output, string Messages)> Command(params string[] args)
    {
        var (output, messages) = (new StringWriter(), new StringWriter());
        var exit = await KeysCommand.RunAsync([.. args, $"--ElectionGraph:DataDirectory={_data.Path}"], output, messages);
        return (exit, output.ToString(), messages.ToString());
    }

    [Fact]
    public async Task Create_prints_the_key_once_list_never_shows_it_and_revoke_stops_it()
    {
        var created = await Command("create", "--name", "The Courier", "--role", "partner", "--contact", "desk@courier.example", "--cost-per-minute", "5000");
        var key = created.Output.TrimEnd('\n');
        var id = created.Messages.Split(' ')[1];
        var listed = await Command("list");

        // The API starts on the store the command made (seeding it, as a store of keys alone holds no data) and takes the key.
        using (var api = new ApiFactory(_data.Path))
        {
            Assert.Equal((200, null), await Keys.AnswerAsync(api, key));
        }

        var revoked = await Command("revoke", id);
        var listedAfter = await Command("list");
        using (var api = new ApiFactory(_data.Path))
        {
            Assert.Equal((401, "INVALID_API_KEY"), await Keys.AnswerAsync(api, key));
        }

        Assert.Equal(0, created.Exit);
        Assert.Matches("^eg_live_[A-Za-z0-9_-]{43}\n$", created.Output);
        Assert.StartsWith($"Created key_", created.Messages);
        Assert.DoesNotContain(key[14..], created.Messages);
        Assert.Equal(0, listed.Exit);
        var row = listed.Output.Split('\n')[1];
        Assert.Matches($"^{id}  The Courier  partner  {key[..14]}…  \\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ  -          -$", row);
        Assert.DoesNotContain(key[14..], listed.Output + listedAfter.Output);
        Assert.Equal((0, $"Revoked {id} \"The Courier\" (partner, {key[..14]}…).\n"), (revoked.Exit, revoked.Messages));
        Assert.Matches("Z  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$", listedAfter.Output.Split('\n')[1]);
    }

    [Fact]
    public async Task A_test_key_has_the_test_prefix_and_a_key_may_hold_several_roles()
    {
        var created = await Command("create", "--name", "Rehearsal desk", "--role", "results-desk", "--role", "admin", "--test");
        var listed = await Command("list");

        Assert.StartsWith("eg_test_", created.Output);
        Assert.Contains("Rehearsal desk  results-desk,admin  eg_test_", listed.Output);
    }

    [Fact]
    public async Task Bad_requests_are_refused_and_write_nothing()
    {
        var noRole = await Command("create", "--name", "Nobody");
        var badNumber = await Command("create", "--name", "X", "--role", "partner", "--event-streams", "many");
        var unknown = await Command("revoke", "key_0000000000000000");
        var usage = await Command("rotate");
        var listed = await Command("list");

        Assert.Equal((1, "The key was not issued: roles: at least one of partner, results-desk, admin\n"), (noRole.Exit, noRole.Messages));
        Assert.Equal((1, "--event-streams: 'many' is not a whole number.\n"), (badNumber.Exit, badNumber.Messages));
        Assert.Equal((1, "There is no API key 'key_0000000000000000'.\n"), (unknown.Exit, unknown.Messages));
        Assert.Equal(64, usage.Exit);
        Assert.StartsWith("Usage:", usage.Messages);
        Assert.Single(listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // the header alone
    }

    [Fact]
    public async Task With_the_embedded_store_the_command_waits_for_the_API_to_stop()
    {
        await using var running = EmbeddedStore.Open(_data.Path);

        var refused = await Command("list");

        Assert.Equal(2, refused.Exit);
        Assert.Contains("is in use by another process", refused.Messages);
    }

    public void Dispose() => _data.Dispose();
}
