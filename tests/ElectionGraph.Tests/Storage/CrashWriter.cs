using ElectionGraph.Domain.Parties;
using ElectionGraph.Storage.Embedded;

namespace ElectionGraph.Tests.Storage;

/// <summary>
/// The child process of <see cref="CrashSafetyTests"/>: rewrites large documents through the embedded
/// store as fast as it can and prints each write the store acknowledged, until it is killed.
/// </summary>
public static class CrashWriter
{
    public const string Command = "crash-writer";
    public const int Documents = 8;

    public static async Task<int> Main(string[] args)
    {
        if (args is not [Command, var directory]) return 64;
        await using var store = EmbeddedStore.Open(directory);
        var parties = store.Collection<Party>();
        for (var version = 1L; ; version++)
        {
            for (var i = 0; i < Documents; i++)
            {
                await parties.UpsertAsync(Generation($"P{i}", version), version - 1);
                Console.Out.WriteLine($"{i} {version}");
                Console.Out.Flush();
            }
        }
    }

    /// <summary>A document whose fields all carry its generation, so a torn one would not agree with itself.</summary>
    public static Party Generation(string id, long version) => new()
    {
        Id = id,
        Name = string.Join(' ', Enumerable.Repeat($"generation-{version}", 20_000)),
        ShortName = $"generation-{version}",
        RollupCode = id,
    };
}
