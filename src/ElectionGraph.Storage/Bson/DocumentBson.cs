using ElectionGraph.Domain;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace ElectionGraph.Storage.Bson;

/// <summary>Converting documents to and from BSON, and the stamping every accepted write gets.</summary>
public static class DocumentBson
{
    public const string VersionField = "version";
    public const string UpdatedAtField = "updatedAt";

    public static BsonDocument ToBson<T>(T document) where T : class, IDocument
    {
        DocumentMaps.EnsureRegistered();
        return document.ToBsonDocument(document.GetType());
    }

    public static T FromBson<T>(BsonDocument body) where T : class, IDocument
    {
        DocumentMaps.EnsureRegistered();
        return BsonSerializer.Deserialize<T>(body);
    }

    public static T FromBytes<T>(byte[] body) where T : class, IDocument
    {
        DocumentMaps.EnsureRegistered();
        return BsonSerializer.Deserialize<T>(body);
    }

    /// <summary>
    /// Makes <paramref name="body"/> the document as stored for <paramref name="version"/>, written at <paramref name="at"/>,
    /// and returns it. In place: every caller stamps a body it has just serialised, and a copy of each would cost an
    /// import nearly as much again as serialising it.
    /// </summary>
    public static BsonDocument Stamp(BsonDocument body, long version, DateTime at)
    {
        body[VersionField] = version;
        body[UpdatedAtField] = new BsonDateTime(at);
        return body;
    }

    /// <summary>True when two bodies differ only in their stamps.</summary>
    public static bool SameContent(BsonDocument a, BsonDocument b) =>
        Unstamped(a).SequenceEqual(Unstamped(b));

    private static IEnumerable<BsonElement> Unstamped(BsonDocument body) =>
        body.Where(e => e.Name is not (VersionField or UpdatedAtField));
}
