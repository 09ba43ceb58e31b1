using ElectionGraph.Domain;
using ElectionGraph.Storage.Bson;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ElectionGraph.Storage.Mongo;

internal sealed class MongoDocumentCollection<T>(IMongoDatabase database, TimeProvider clock) : IDocumentCollection<T>
    where T : class, IDocument
{
    private readonly string _name = DocumentMaps.CollectionName(typeof(T));
    private IMongoCollection<T> Typed => database.GetCollection<T>(_name);
    private IMongoCollection<BsonDocument> Raw => database.GetCollection<BsonDocument>(_name);

    public IQueryable<T> Query() => Typed.AsQueryable();

    public Task<T> UpsertAsync(T document, long expectedVersion, CancellationToken cancellationToken = default) =>
        StoreTelemetry.MeasureAsync(_name, "upsert", "mongodb", () => MongoFaults.Guard(async () =>
            await TryReplaceAsync(document, expectedVersion, cancellationToken)
            ?? throw new VersionConflictException(_name, document.Id, expectedVersion, await CurrentVersionAsync(document.Id, cancellationToken))));

    public Task<IReadOnlyList<T>> UpsertManyAsync(IReadOnlyList<(T Document, long ExpectedVersion)> writes, CancellationToken cancellationToken = default) =>
        StoreTelemetry.MeasureAsync(_name, "upsert", "mongodb", () => MongoFaults.Guard(async () =>
        {
            // Each its own guarded replace, sent together: a bulk write says how many matched, not which.
            var stored = await Task.WhenAll(writes.DistinctBy(w => w.Document.Id).Select(w => TryReplaceAsync(w.Document, w.ExpectedVersion, cancellationToken)));
            return (IReadOnlyList<T>)stored.OfType<T>().ToList();
        }));

    /// <summary>The document as stored; null when the stored version was not <paramref name="expectedVersion"/>.</summary>
    private async Task<T?> TryReplaceAsync(T document, long expectedVersion, CancellationToken cancellationToken)
    {
        var body = DocumentBson.Stamp(DocumentBson.ToBson(document), expectedVersion + 1, clock.GetUtcNow().UtcDateTime);
        try
        {
            // Upserting only a new document: a replace that misses an existing one would otherwise insert a duplicate.
            var result = await Raw.ReplaceOneAsync(
                MongoStore.GuardFilter(document.Id, expectedVersion), body,
                new ReplaceOptions { IsUpsert = expectedVersion == 0 }, cancellationToken);
            if (result.MatchedCount == 1 || result.UpsertedId is not null) return DocumentBson.FromBson<T>(body);
        }
        catch (MongoWriteException e) when (e.WriteError.Code == MongoStore.DuplicateKey)
        {
            // Another writer created the document first.
        }

        return null;
    }

    public async Task<IChangeStream<T>> WatchAsync(CancellationToken cancellationToken)
    {
        var options = new ChangeStreamOptions { FullDocument = ChangeStreamFullDocumentOption.UpdateLookup };
        var pipeline = new EmptyPipelineDefinition<ChangeStreamDocument<T>>()
            .Match(c => c.OperationType == ChangeStreamOperationType.Insert
                        || c.OperationType == ChangeStreamOperationType.Replace
                        || c.OperationType == ChangeStreamOperationType.Update);
        // The server has opened the stream when the cursor comes back: writes from then on reach it.
        return new MongoChangeStream<T>(await MongoFaults.Guard(() => Typed.WatchAsync(pipeline, options, cancellationToken)));
    }

    private async Task<long> CurrentVersionAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await Raw.Find(Builders<BsonDocument>.Filter.Eq("_id", id))
            .Project(Builders<BsonDocument>.Projection.Include(DocumentBson.VersionField))
            .FirstOrDefaultAsync(cancellationToken);
        return stored?[DocumentBson.VersionField].ToInt64() ?? 0;
    }
}
