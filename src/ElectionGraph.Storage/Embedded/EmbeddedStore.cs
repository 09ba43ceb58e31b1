using System.Collections.Immutable;
using System.Reflection;
using MongoDB.Bson;
using ElectionGraph.Domain;
using ElectionGraph.Storage.Bson;
using Microsoft.Data.Sqlite;

namespace ElectionGraph.Storage.Embedded;

/// <summary>
/// The default store: one SQLite file, one table a collection (<c>id</c>, <c>version</c>, BSON <c>body</c>),
/// in WAL mode with full sync so an acknowledged write survives a crash. The process holds the file
/// exclusively, so the in-memory snapshots are always what the file holds.
/// </summary>
public sealed class EmbeddedStore : IDocumentStore
{
    public const string FileName = "electiongraph.db";

    /// <summary>The table <see cref="PingAsync"/> writes its one row to.</summary>
    private const string ProbeTable = "_probe";

    private readonly SqliteConnection _connection;
    private readonly string _path;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Dictionary<Type, IEmbeddedCollection> _collections = [];
    private DateTime _lastStamp;
    private bool _closed;

    private EmbeddedStore(SqliteConnection connection, string path, TimeProvider clock)
    {
        _connection = connection;
        _path = path;
        _clock = clock;
    }

    /// <exception cref="StoreUnavailableException">Another process holds the store, or SQLite cannot open it.</exception>
    public static EmbeddedStore Open(string directory, TimeProvider? clock = null)
    {
        DocumentMaps.EnsureRegistered();
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        // Not pooled: the store holds one connection for its lifetime, and closing it must let go of the file.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 2, Pooling = false }.ToString());
        try
        {
            connection.Open();
            // Exclusive locking before WAL: no shared-memory index, and a second process fails fast here
            // instead of reading a file whose snapshot it does not own.
            Execute(connection, "PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            Execute(connection, "BEGIN EXCLUSIVE; COMMIT;");
            Execute(connection, $"CREATE TABLE IF NOT EXISTS {ProbeTable} (id INTEGER PRIMARY KEY, probedAt TEXT NOT NULL)");
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StoreUnavailableException(e.SqliteErrorCode == 5 /* SQLITE_BUSY */
                ? $"The embedded store {path} is in use by another process (is the API running?)."
                : $"The embedded store {path} cannot be opened: {e.Message}", e);
        }

        var store = new EmbeddedStore(connection, path, clock ?? TimeProvider.System);
        foreach (var type in DocumentMaps.DocumentTypes)
        {
            store._collections[type] = (IEmbeddedCollection)LoadMethod.MakeGenericMethod(type).Invoke(store, [DocumentMaps.CollectionName(type)])!;
        }

        store._lastStamp = store._collections.Values.Max(c => c.LatestUpdate);

        return store;
    }

    public IDocumentCollection<T> Collection<T>() where T : class, IDocument => (IDocumentCollection<T>)_collections[typeof(T)];

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(DocumentMaps.PublicDataTypes.All(type => _collections[type].Count == 0));

    public async Task<ImportSummary> ImportAsync(IReadOnlyList<IDocument> documents, IProgress<int>? written = null, CancellationToken cancellationToken = default)
    {
        var byName = _collections.Values.ToDictionary(c => c.Name);
        var stored = await WriteAsync(now => ImportPlan.Writes(documents, (collection, id) => byName[collection].StoredBody(id), now), cancellationToken, written);
        // A document stored at version 1 is new; any other replaced the version before it.
        return ImportPlan.Summary(documents.Count, stored.ConvertAll(d => d.Version - 1));
    }

    /// <summary>
    /// Runs one write: <paramref name="plan"/> decides the rows while holding the write gate (so its version
    /// checks see the latest state), they are committed in one transaction, then the snapshots move on, each
    /// collection's at once. A write SQLite refuses (a full disk, a read-only or broken file) changes neither the
    /// snapshots nor the change feeds.
    /// </summary>
    /// <returns>The documents as stored, in the order written.</returns>
    /// <exception cref="StoreUnavailableException">SQLite could not write; nothing was stored.</exception>
    internal Task<List<IDocument>> WriteAsync(
        Func<DateTime, IEnumerable<ImportPlan.Write>> plan, CancellationToken cancellationToken, IProgress<int>? written = null) =>
        UnderWriteGateAsync(() =>
        {
            List<(IEmbeddedCollection Collection, IDocument Document)> rows;
            using (var transaction = _connection.BeginTransaction())
            {
                rows = WriteRows(transaction, plan(NextStamp()), written);
                transaction.Commit();
            }

            foreach (var collection in rows.GroupBy(r => r.Collection)) collection.Key.Accept(collection.Select(r => r.Document).ToList());
            return rows.ConvertAll(r => r.Document);
        }, cancellationToken);

    /// <summary>Writes the probe's one row: the file is held and takes a write now.</summary>
    public Task PingAsync(CancellationToken cancellationToken = default) =>
        UnderWriteGateAsync(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"INSERT INTO {ProbeTable} (id, probedAt) VALUES (1, $at) ON CONFLICT (id) DO UPDATE SET probedAt = excluded.probedAt";
            command.Parameters.AddWithValue("$at", _clock.GetUtcNow().ToString("O"));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    /// <summary>
    /// Switches SQLite's own <c>query_only</c> on the store's connection: while on, SQLite refuses every write as
    /// it would on a read-only file. For fault tests, because file permissions do not stop root and this works
    /// for any user.
    /// </summary>
    internal Task QueryOnlyAsync(bool on, CancellationToken cancellationToken = default) =>
        UnderWriteGateAsync(() => Execute(_connection, $"PRAGMA query_only = {(on ? "ON" : "OFF")}"), cancellationToken);

    /// <summary>Runs <paramref name="write"/> alone on the connection; SQLite's failures become <see cref="StoreUnavailableException"/>.</summary>
    private async Task<T> UnderWriteGateAsync<T>(Func<T> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (_closed) throw new StoreUnavailableException($"The embedded store {_path} is closed.");
            return write();
        }
        catch (SqliteException e)
        {
            throw new StoreUnavailableException($"The embedded store {_path} could not write: {e.Message}", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// The time a write is stamped with: the clock, but always later than the write before (stamps are stored
    /// to the millisecond), so <c>updatedSince</c> with the last <c>updatedAt</c> a client saw returns that
    /// write and exactly the ones after it.
    /// </summary>
    private DateTime NextStamp()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        _lastStamp = now > _lastStamp ? now : _lastStamp.AddMilliseconds(1);
        return _lastStamp;
    }

    /// <summary>
    /// Writes each row as the plan yields it, through one prepared statement per collection (preparing it again for
    /// every row doubled the time SQLite took over an import's rows), and reads it back as the document the snapshot
    /// will hold, so no body outlives its row.
    /// </summary>
    private List<(IEmbeddedCollection Collection, IDocument Document)> WriteRows(
        SqliteTransaction transaction, IEnumerable<ImportPlan.Write> writes, IProgress<int>? written)
    {
        var rows = new List<(IEmbeddedCollection, IDocument)>();
        var statements = new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
        try
        {
            foreach (var write in writes)
            {
                if (!statements.TryGetValue(write.Collection, out var command))
                    statements[write.Collection] = command = UpsertCommand(transaction, write.Collection);
                var body = write.Body.ToBson();
                command.Parameters["$id"].Value = write.Id;
                command.Parameters["$version"].Value = write.ExpectedVersion + 1;
                command.Parameters["$body"].Value = body;
                command.Parameters["$expected"].Value = write.ExpectedVersion;
                if (command.ExecuteNonQuery() != 1)
                    throw new VersionConflictException(write.Collection, write.Id, write.ExpectedVersion, StoredVersion(write));
                var collection = _collections[write.DocumentType];
                rows.Add((collection, collection.Read(body)));
                written?.Report(rows.Count);
            }
        }
        finally
        {
            foreach (var command in statements.Values) command.Dispose();
        }

        return rows;
    }

    private SqliteCommand UpsertCommand(SqliteTransaction transaction, string collection)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO "{collection}" (id, version, body) VALUES ($id, $version, $body)
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, body = excluded.body
            WHERE "{collection}".version = $expected
            """;
        command.Parameters.Add("$id", SqliteType.Text);
        command.Parameters.Add("$version", SqliteType.Integer);
        command.Parameters.Add("$body", SqliteType.Blob);
        command.Parameters.Add("$expected", SqliteType.Integer);
        command.Prepare();
        return command;
    }

    private long StoredVersion(ImportPlan.Write write)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"""SELECT version FROM "{write.Collection}" WHERE id = $id""";
        command.Parameters.AddWithValue("$id", write.Id);
        return command.ExecuteScalar() is long version ? version : 0;
    }

    private static readonly MethodInfo LoadMethod =
        typeof(EmbeddedStore).GetMethod(nameof(Load), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>Creates the collection's table if need be and reads it into its first snapshot.</summary>
    private EmbeddedCollection<T> Load<T>(string name) where T : class, IDocument
    {
        Execute(_connection, $"""CREATE TABLE IF NOT EXISTS "{name}" (id TEXT PRIMARY KEY, version INTEGER NOT NULL, body BLOB NOT NULL) WITHOUT ROWID""");
        using var command = _connection.CreateCommand();
        command.CommandText = $"""SELECT body FROM "{name}" """;
        var documents = ImmutableSortedDictionary.CreateBuilder<string, T>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var document = DocumentBson.FromBytes<T>((byte[])reader[0]);
                documents[document.Id] = document;
            }
        }

        return new EmbeddedCollection<T>(this, name, documents.ToImmutable());
    }

    private static int Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>Closes the file once a write in flight (a background service's, as the host stops) has finished; writes after it are refused.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync();
        try
        {
            if (_closed) return;
            _closed = true;
            _connection.Dispose();
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
