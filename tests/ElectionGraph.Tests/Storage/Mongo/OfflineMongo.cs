using ElectionGraph.Domain;
using ElectionGraph.Storage.Mongo;
using MongoDB.Driver;

namespace ElectionGraph.Tests.Storage.Mongo;

/// <summary>
/// A Mongo store pointed at an address nothing listens on: its queryables render their MQL with no server.
/// </summary>
public static class OfflineMongo
{
    private static readonly MongoStore Store = new(
        new MongoClient("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100&connectTimeoutMS=100").GetDatabase("offline"));

    public static IQueryable<T> Query<T>() where T : class, IDocument => Store.Collection<T>().Query();

    /// <summary>The aggregation pipeline a query becomes; fails on a query the driver cannot translate.</summary>
    public static string Mql<T>(IQueryable<T> query)
    {
        var text = query.ToString()!;
        Assert.DoesNotContain("Expression not supported", text);
        return text;
    }
}
