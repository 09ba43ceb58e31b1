namespace ElectionGraph.Storage;

/// <summary>The <c>ElectionGraph</c> configuration section, as far as storage is concerned.</summary>
public sealed class StoreOptions
{
    public const string Section = "ElectionGraph";

    public StoreKind Store { get; set; } = StoreKind.Embedded;

    /// <summary>Folder of the embedded store's SQLite file; relative paths start in the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    public MongoOptions Mongo { get; set; } = new();

    public SeedOptions Seed { get; set; } = new();
}

public enum StoreKind { Embedded, Mongo }

public sealed class MongoOptions
{
    public string ConnectionString { get; set; } = "mongodb://localhost:27017/?replicaSet=rs0";
    public string Database { get; set; } = "electiongraph";

    // Short, so an unreachable server fails a request fast (STORE_UNAVAILABLE) instead of holding it for the
    // driver's 30 s defaults. They replace any timeouts given in the connection string.

    /// <summary>How long an operation waits for a suitable server (the primary, for writes) before it fails.</summary>
    public double ServerSelectionTimeoutSeconds { get; set; } = 3;

    /// <summary>How long opening a connection to a server may take.</summary>
    public double ConnectTimeoutSeconds { get; set; } = 3;

    /// <summary>How long a read from or write to a server's socket may take.</summary>
    public double SocketTimeoutSeconds { get; set; } = 10;
}

public sealed class SeedOptions
{
    /// <summary>The seed an empty store is loaded from at start; by default the copy shipped with the build.</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "seed");

    /// <summary>
    /// False starts the store as on polling day: elections, parties and councils, no results (the results
    /// desk then declares them, or the replay command does).
    /// </summary>
    public bool Results { get; set; } = true;
}
