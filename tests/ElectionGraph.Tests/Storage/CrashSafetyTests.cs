using System.Diagnostics;
using ElectionGraph.Domain.Parties;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Storage;

public class CrashSafetyTests
{
    [Fact]
    public async Task A_process_killed_mid_write_leaves_whole_documents_and_loses_no_acknowledged_write()
    {
        using var data = new TempDirectory();
        var acknowledged = new long[CrashWriter.Documents];
        var writer = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(CrashWriter).Assembly.Location, CrashWriter.Command, data.Path },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;

        // Kill it while it is writing: after a good number of acknowledged writes, with more under way.
        for (var seen = 0; seen < 400; seen++) Acknowledge(await writer.StandardOutput.ReadLineAsync(), acknowledged);
        writer.Kill(entireProcessTree: true);
        await writer.WaitForExitAsync();
        foreach (var line in (await writer.StandardOutput.ReadToEndAsync()).Split('\n')) Acknowledge(line, acknowledged);

        await using var store = EmbeddedStore.Open(data.Path);
        var parties = store.Collection<Party>().Query().ToDictionary(p => p.Id);
        for (var i = 0; i < CrashWriter.Documents; i++)
        {
            var party = parties[$"P{i}"];
            Assert.Equal(CrashWriter.Generation(party.Id, party.Version) with { Version = party.Version, UpdatedAt = party.UpdatedAt }, party);
            // Acknowledged writes are all there; at most one more was committed but not yet reported.
            Assert.InRange(party.Version, acknowledged[i], acknowledged[i] + 1);
        }
    }

    private static void Acknowledge(string? line, long[] acknowledged)
    {
        // The last line may have been cut off by the kill.
        if (line?.Split(' ') is [var index, var version] && long.TryParse(version, out var v))
            acknowledged[int.Parse(index)] = Math.Max(acknowledged[int.Parse(index)], v);
    }
}
