using ElectionGraph.Domain;
using ElectionGraph.Storage.Bson;
using MongoDB.Bson;

namespace ElectionGraph.Storage;

/// <summary>What an import writes, worked out against what is stored; both adapters carry it out.</summary>
internal static class ImportPlan
{
    /// <param name="ExpectedVersion">The stored version the write replaces (0: a new document).</param>
    public sealed record Write(string Collection, Type DocumentType, string Id, long ExpectedVersion, BsonDocument Body);

    /// <summary>
    /// The writes, worked out one document at a time as they are enumerated, so an adapter can write each and let its
    /// body go: holding the seed's thousands of bodies at once cost the embedded store's import a third of its time
    /// in garbage collection. A document identical to the stored one is no write.
    /// </summary>
    /// <param name="stored">The stored body of a document, by collection and id; null when absent.</param>
    public static IEnumerable<Write> Writes(IEnumerable<IDocument> documents, Func<string, string, BsonDocument?> stored, DateTime now)
    {
        foreach (var document in documents)
        {
            var type = document.GetType();
            if (!DocumentMaps.PublicDataTypes.Contains(type))
                throw new ArgumentException($"{type.Name} is not public data: an import never writes it.", nameof(documents));
            var collection = DocumentMaps.CollectionName(type);
            var body = DocumentBson.ToBson(document);
            var current = stored(collection, document.Id);
            if (current is not null && DocumentBson.SameContent(current, body)) continue;

            var currentVersion = current?[DocumentBson.VersionField].ToInt64() ?? 0;
            yield return new Write(collection, type, document.Id, currentVersion, DocumentBson.Stamp(body, currentVersion + 1, now));
        }
    }

    /// <summary>An import of <paramref name="documents"/> that wrote these (each new one written at version 0 expected).</summary>
    public static ImportSummary Summary(int documents, IReadOnlyCollection<long> expectedVersions)
    {
        var inserted = expectedVersions.Count(v => v == 0);
        return new ImportSummary(inserted, expectedVersions.Count - inserted, documents - expectedVersions.Count);
    }
}
