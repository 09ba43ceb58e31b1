namespace ElectionGraph.Tests.Support;

/// <summary>
/// tests/interop/mingo-mongod.mjs: a MongoDB server on 127.0.0.1 whose engine is mingo, an implementation of MongoDB's
/// query and aggregation language independent of both the driver and the embedded store. Started once for the test
/// run; each user takes a database of its own. The Mongo adapter connects to it as to any server, so the commands it
/// sends are the ones MongoDB would run.
/// </summary>
public static class MingoMongod
{
    private static readonly Lazy<Task<string>> Started = new(StartAsync);

    /// <summary>The connection string of the running server.</summary>
    public static Task<string> ConnectionStringAsync() => Started.Value;

    private static async Task<string> StartAsync()
    {
        var server = await Node.StartAsync("mingo-mongod.mjs");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        var line = await server.ReadLineAsync();
        var port = line.StartsWith("listening ") ? int.Parse(line["listening ".Length..]) : throw new InvalidOperationException($"mingo-mongod said: {line}");
        return $"mongodb://127.0.0.1:{port}/?directConnection=true&serverSelectionTimeoutMS=10000";
    }
}
