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

    /// <summary>The document as stored for <paramref name="version"/>, written at <paramref name="at"/>.</summary>
    public static BsonDocument Stamped(BsonDocument body, long version, DateTime at)
    {
        var stamped = body.DeepClone().AsBsonDocument;
        stamped[VersionField] = version;
        stamped[UpdatedAtField] = new BsonDateTime(at);
        return stamped;
    }

    /// <summary>True when two bodies differ only in their stamps.</summary>
    public static bool SameContent(BsonDocument a, BsonDocument b) =>
        Unstamped(a).Equals(Unstamped(b));

    private static BsonDocument Unstamped(BsonDocument body)
    {
        var copy = body.DeepClone().AsBsonDocument;
        copy.Remove(VersionField);
        copy.Remove(UpdatedAtField);
        return copy;
    }
}
