using System.Text.RegularExpressions;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Mongo;

namespace ElectionGraph.Tests.Storage.Mongo;

/// <summary>
/// MongoDB out of reach, with no server needed: the store points at an address nothing listens on. Every
/// operation fails as the port says (<see cref="StoreUnavailableException"/>), after the configured server
/// selection timeout rather than the driver's 30 s.
/// </summary>
public sealed class MongoFaultTests : IAsyncDisposable
{
    private static readonly Party Party = new() { Id = "P", Name = "Party", ShortName = "P", RollupCode = "P" };

    private readonly MongoStore _store = MongoStore.Connect(new MongoOptions
    {
        ConnectionString = "mongodb://127.0.0.1:1/?directConnection=true",
        Database = "unreachable",
        ServerSelectionTimeoutSeconds = 0.25,
        ConnectTimeoutSeconds = 0.25,
    });

    private static readonly Dictionary<string, Func<MongoStore, Task>> Operations = new()
    {
        ["a list"] = store => store.Collection<Party>().Query().ToListAsync(),
        ["one document"] = store => store.Collection<Party>().Query().FirstOrDefaultAsync(),
        ["a count"] = store => store.Collection<Party>().Query().CountAsync(),
        ["a write"] = store => store.Collection<Party>().UpsertAsync(Party, 0),
        ["a watch"] = store => store.Collection<Party>().WatchAsync(CancellationToken.None),
        ["a ping"] = store => store.PingAsync(),
        ["the empty check"] = store => store.IsEmptyAsync(),
        ["an import"] = store => store.ImportAsync([Party]),
        ["the indexes"] = store => store.EnsureIndexesAsync(),
    };

    [Theory]
    [InlineData("a list")]
    [InlineData("one document")]
    [InlineData("a count")]
    [InlineData("a write")]
    [InlineData("a watch")]
    [InlineData("a ping")]
    [InlineData("the empty check")]
    [InlineData("an import")]
    [InlineData("the indexes")]
    public async Task An_unreachable_server_fails_each_operation_as_StoreUnavailable_after_the_configured_timeout(string operation)
    {
        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => Operations[operation](_store));

        Assert.StartsWith("MongoDB cannot be reached: ", failure.Message);
        // The driver's own account of how long it tried: the configured timeout (a read may be retried once),
        // not its default of 30 s.
        var tried = Regex.Match(failure.InnerException!.Message, @"A timeout occurred after (\d+)ms selecting a server");
        Assert.True(tried.Success, failure.InnerException.Message);
        Assert.InRange(int.Parse(tried.Groups[1].Value), 1, 29_999);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
