using ElectionGraph.Storage;
using ElectionGraph.Storage.Seeding;

namespace ElectionGraph.Api.Commands;

/// <summary>
/// <c>import &lt;seed folder&gt;</c>: validates the whole seed first, and only then opens the store and
/// writes it (new documents inserted, changed ones versioned, identical ones left alone).
/// </summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(string directory, string[] args)
    {
        var options = CommandSettings.Read(args).Store();
        SeedData seed;
        try
        {
            seed = SeedReader.Read(directory);
        }
        catch (SeedRejectedException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }

        var documents = seed.Documents;
        Console.Error.WriteLine($"Seed valid: {seed.Elections.Count} elections, {seed.Parties.Count} parties, {seed.Councils.Count} councils, " +
                                $"{seed.CouncilResults.Count} council results, {seed.Mayoralties.Count} mayoralties, {seed.Ballots.Count} ballots.");
        try
        {
            await using var store = StorageServices.Open(options);
            using var bar = new ProgressBar("Writing", documents.Count);
            var summary = await store.ImportAsync(documents, bar);
            bar.Complete();
            Console.Error.WriteLine($"Imported: {summary.Inserted} inserted, {summary.Updated} updated, {summary.Unchanged} unchanged.");
            return 0;
        }
        catch (StoreUnavailableException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
