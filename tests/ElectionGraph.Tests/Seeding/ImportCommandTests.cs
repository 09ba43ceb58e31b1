using System.Security.Cryptography;
using ElectionGraph.Api.Commands;
using ElectionGraph.Domain.Results;
using ElectionGraph.Storage.Embedded;
using ElectionGraph.Tests.Support;

namespace ElectionGraph.Tests.Seeding;

public class ImportCommandTests
{
    private static Task<int> Import(string seed, string data) =>
        ImportCommand.RunAsync(seed, [$"--ElectionGraph:DataDirectory={data}"]);

    private static Dictionary<string, string> Fingerprint(string directory) =>
        Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Theory]
    [MemberData(nameof(SeedReaderTests.BadInputs), MemberType = typeof(SeedReaderTests))]
    public async Task A_rejected_import_leaves_the_store_byte_for_byte_unchanged(string kind, Action<SeedCopy> breakIt, string where, string message)
    {
        using var data = new TempDirectory();
        using var seed = new SeedCopy();
        Assert.Equal(0, await Import(seed.Path, data.Path));
        var before = Fingerprint(data.Path);

        // The broken seed also changes a figure, so an import that wrote anything would show.
        seed.ReplaceLine("council-results.csv", 2, l => l.Replace("thirds,21,63", "thirds,21,64"));
        breakIt(seed);

        Assert.Equal(1, await Import(seed.Path, data.Path));
        Assert.True(before.SequenceEqual(Fingerprint(data.Path)), $"{kind} ({where}: {message}) changed the store");
    }

    [Fact]
    public async Task Importing_a_changed_seed_versions_only_what_changed()
    {
        using var data = new TempDirectory();
        using var seed = new SeedCopy();
        Assert.Equal(0, await Import(seed.Path, data.Path));

        seed.ReplaceLine("council-results.csv", 2, l => l.Replace("thirds,21,63", "thirds,21,64"));
        Assert.Equal(0, await Import(seed.Path, data.Path));

        await using var store = EmbeddedStore.Open(data.Path);
        var results = store.Collection<CouncilResult>().Query().ToList();
        var barnsley = Assert.Single(results, r => r.Council.Name == "Barnsley");
        Assert.Equal((2, 64), (barnsley.Version, barnsley.TotalSeats));
        Assert.All(results.Where(r => r != barnsley), r => Assert.Equal(1, r.Version));
    }

    [Fact]
    public async Task Import_refuses_a_store_another_process_holds()
    {
        using var data = new TempDirectory();
        await using var held = EmbeddedStore.Open(data.Path);

        Assert.Equal(2, await Import(Repo.Seed, data.Path));
    }
}
