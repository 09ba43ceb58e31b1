using System.Collections.Concurrent;
using ElectionGraph.Domain;
using ElectionGraph.Storage.Bson;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ElectionGraph.Storage.Mongo;

/// <summary>
/// The production store: reads are driver queryables, so filters, sorts, paging and aggregations run
/// inside MongoDB; writes are replaces guarded by id and version; the change feed is a change stream,
/// so every API instance sees every write.
/// </summary>
public sealed class MongoStore : IDocumentStore
{
    private readonly IMongoDatabase _database;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<Type, object> _collections = new();

    public MongoStore(IMongoDatabase database, TimeProvider? clock = null)
    {
        DocumentMaps.EnsureRegistered();
        _database = database;
        _clock = clock ?? TimeProvider.System;
    }

    public static MongoStore Connect(MongoOptions options, TimeProvider? clock = null)
    {
        var settings = MongoClientSettings.FromConnectionString(options.ConnectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(options.ServerSelectionTimeoutSeconds);
        settings.ConnectTimeout = TimeSpan.FromSeconds(options.ConnectTimeoutSeconds);
        settings.SocketTimeout = TimeSpan.FromSeconds(options.SocketTimeoutSeconds);
        return new(new MongoClient(settings).GetDatabase(options.Database), clock);
    }

    public IDocumentCollection<T> Collection<T>() where T : class, IDocument =>
        (IDocumentCollection<T>)_collections.GetOrAdd(typeof(T), _ => new MongoDocumentCollection<T>(_database, _clock));

    /// <summary>Creates the indexes the API's queries use; creating an existing index is a no-op.</summary>
    public Task EnsureIndexesAsync(CancellationToken cancellationToken = default) =>
        MongoFaults.Guard(() => MongoIndexes.CreateAsync(_database, cancellationToken));

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) => MongoFaults.Guard(async () =>
    {
        foreach (var type in DocumentMaps.PublicDataTypes)
        {
            var collection = Raw(DocumentMaps.CollectionName(type));
            if (await collection.Find(FilterDefinition<BsonDocument>.Empty).Limit(1).AnyAsync(cancellationToken)) return false;
        }

        return true;
    });

    /// <summary>A ping to the primary: the server that takes writes answers.</summary>
    public Task PingAsync(CancellationToken cancellationToken = default) =>
        MongoFaults.Guard(() => _database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), ReadPreference.Primary, cancellationToken));

    /// <summary>
    /// Writes the plan collection by collection with version-guarded bulk replaces. MongoDB has no
    /// transaction across collections without a session, so a failed import can leave part of it written;
    /// running it again completes it, since unchanged documents are skipped.
    /// </summary>
    public Task<ImportSummary> ImportAsync(IReadOnlyList<IDocument> documents, IProgress<int>? written = null, CancellationToken cancellationToken = default) =>
        MongoFaults.Guard(() => WriteImportAsync(documents, written, cancellationToken));

    /// <param name="again">This is the run again after a write found its document stored.</param>
    private async Task<ImportSummary> WriteImportAsync(IReadOnlyList<IDocument> documents, IProgress<int>? written, CancellationToken cancellationToken, bool again = false)
    {
        var stored = new Dictionary<string, Dictionary<string, BsonDocument>>();
        foreach (var name in documents.Select(d => DocumentMaps.CollectionName(d.GetType())).Distinct())
        {
            var all = await Raw(name).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync(cancellationToken);
            stored[name] = all.ToDictionary(d => d["_id"].AsString);
        }

        var writes = ImportPlan.Writes(documents, (name, id) => stored[name].GetValueOrDefault(id), _clock.GetUtcNow().UtcDateTime).ToList();
        var done = 0;
        try
        {
            foreach (var group in writes.GroupBy(w => w.Collection))
            {
                var requests = group.Select(w => new ReplaceOneModel<BsonDocument>(GuardFilter(w.Id, w.ExpectedVersion), w.Body)
                {
                    IsUpsert = w.ExpectedVersion == 0,
                }).ToList();
                await Raw(group.Key).BulkWriteAsync(requests, new BulkWriteOptions { IsOrdered = true }, cancellationToken);
                written?.Report(done += requests.Count);
            }
        }
        catch (MongoBulkWriteException e) when (!again && e.WriteErrors.All(error => error.Code == DuplicateKey))
        {
            // A new document already there: the driver sent a batch again after losing the answer to the first (a server
            // without retryable writes' deduplication, such as mingo-mongod, stores it twice), or another importer came
            // first. Run again: what is stored as planned is skipped, the rest written.
            await WriteImportAsync(documents, null, cancellationToken, again: true);
        }

        return ImportPlan.Summary(documents.Count, writes.ConvertAll(w => w.ExpectedVersion));
    }

    /// <summary>MongoDB's error code for a write of an <c>_id</c> (or other unique key) already stored.</summary>
    internal const int DuplicateKey = 11000;

    internal static FilterDefinition<BsonDocument> GuardFilter(string id, long expectedVersion) =>
        Builders<BsonDocument>.Filter.Eq("_id", id) & Builders<BsonDocument>.Filter.Eq(DocumentBson.VersionField, expectedVersion);

    private IMongoCollection<BsonDocument> Raw(string name) => _database.GetCollection<BsonDocument>(name);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
