using ElectionGraph.Storage.Mongo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Storage.Seeding;

/// <summary>Before the app serves: indexes on MongoDB, and the seed loaded into an empty store (only then).</summary>
internal sealed class StoreStartup(IDocumentStore store, IOptions<StoreOptions> options, ILogger<StoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is MongoStore mongo) await mongo.EnsureIndexesAsync(cancellationToken);
        if (!await store.IsEmptyAsync(cancellationToken)) return;

        var (directory, results) = (options.Value.Seed.Directory, options.Value.Seed.Results);
        logger.LogInformation("The store is empty: loading the seed from {Directory}{Part}", directory, results ? "" : " as on polling day (no results)");
        var seed = SeedReader.Read(directory);
        var summary = await store.ImportAsync(results ? seed.Documents : seed.PollingDay, cancellationToken: cancellationToken);
        logger.LogInformation("Seed loaded: {Inserted} documents", summary.Inserted);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
