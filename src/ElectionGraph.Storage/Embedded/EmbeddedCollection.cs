using System.Collections.Immutable;
using ElectionGraph.Domain;
using ElectionGraph.Storage.Bson;
using MongoDB.Bson;

namespace ElectionGraph.Storage.Embedded;

/// <summary>What the embedded store needs of a collection without knowing its document type.</summary>
internal interface IEmbeddedCollection
{
    string Name { get; }
    int Count { get; }

    /// <summary>The latest <c>updatedAt</c> held (<see cref="DateTime.MinValue"/> when empty).</summary>
    DateTime LatestUpdate { get; }

    BsonDocument? StoredBody(string id);

    /// <summary>The document a row's body holds, as a snapshot keeps it.</summary>
    IDocument Read(byte[] body);

    /// <summary>Takes durably written documents into the snapshot, all at once, and tells the watchers, in order.</summary>
    void Accept(IReadOnlyList<IDocument> documents);
}

/// <summary>
/// One collection of the embedded store. Reads come from an immutable snapshot (sorted by id, so reads
/// are deterministic) that is replaced only after a write is durable in SQLite.
/// </summary>
internal sealed class EmbeddedCollection<T>(EmbeddedStore store, string name, ImmutableSortedDictionary<string, T> loaded)
    : IDocumentCollection<T>, IEmbeddedCollection where T : class, IDocument
{
    private readonly ChangeFeed<T> _changes = new();
    private Snapshot _current = new(loaded);

    public string Name => name;
    public int Count => _current.ById.Count;
    public DateTime LatestUpdate => _current.Rows.Select(d => d.UpdatedAt).DefaultIfEmpty().Max();

    public IQueryable<T> Query() => new InMemoryQuery<T>(_current.Rows);

    public Task<T> UpsertAsync(T document, long expectedVersion, CancellationToken cancellationToken = default) =>
        StoreTelemetry.MeasureAsync(name, "upsert", "embedded", () => WriteAsync(document, expectedVersion, cancellationToken));

    private async Task<T> WriteAsync(T document, long expectedVersion, CancellationToken cancellationToken)
    {
        var written = await store.WriteAsync(current =>
        {
            var currentVersion = _current.ById.TryGetValue(document.Id, out var stored) ? stored.Version : 0;
            if (currentVersion != expectedVersion)
                throw new VersionConflictException(name, document.Id, expectedVersion, currentVersion);
            var body = DocumentBson.Stamp(DocumentBson.ToBson(document), expectedVersion + 1, current);
            return [new ImportPlan.Write(name, typeof(T), document.Id, expectedVersion, body)];
        }, cancellationToken);
        return (T)written[0];
    }

    public Task<IReadOnlyList<T>> UpsertManyAsync(IReadOnlyList<(T Document, long ExpectedVersion)> writes, CancellationToken cancellationToken = default) =>
        writes.Count == 0 ? Task.FromResult<IReadOnlyList<T>>([]) : StoreTelemetry.MeasureAsync(name, "upsert", "embedded", async () =>
        {
            var written = await store.WriteAsync(current => writes
                .Where(w => (_current.ById.TryGetValue(w.Document.Id, out var stored) ? stored.Version : 0) == w.ExpectedVersion)
                .DistinctBy(w => w.Document.Id)
                .Select(w => new ImportPlan.Write(name, typeof(T), w.Document.Id, w.ExpectedVersion,
                    DocumentBson.Stamp(DocumentBson.ToBson(w.Document), w.ExpectedVersion + 1, current))), cancellationToken);
            return (IReadOnlyList<T>)written.ConvertAll(d => (T)d);
        });

    public Task<IChangeStream<T>> WatchAsync(CancellationToken cancellationToken) => Task.FromResult(_changes.Open());

    public BsonDocument? StoredBody(string id) =>
        _current.ById.TryGetValue(id, out var stored) ? DocumentBson.ToBson(stored) : null;

    public IDocument Read(byte[] body) => DocumentBson.FromBytes<T>(body);

    public void Accept(IReadOnlyList<IDocument> documents)
    {
        var byId = _current.ById.ToBuilder();
        foreach (var document in documents) byId[document.Id] = (T)document;
        _current = new Snapshot(byId.ToImmutable());
        foreach (var document in documents)
        {
            StoreTelemetry.Written(document); // before the feed has it: its consumers link to the write's trace
            _changes.Publish((T)document);
        }
    }

    /// <summary>
    /// The documents at one moment: by id, and as an array in id order, made when first queried. Queries enumerate the
    /// array (a tree's enumerator costs more than most of a query), and the array is the snapshot's identity for what
    /// queries keep of it (<see cref="InMemoryQueryProvider"/>).
    /// </summary>
    private sealed class Snapshot(ImmutableSortedDictionary<string, T> byId)
    {
        private T[]? _rows;

        public ImmutableSortedDictionary<string, T> ById { get; } = byId;

        public T[] Rows => LazyInitializer.EnsureInitialized(ref _rows, () => [.. ById.Values]);
    }
}
