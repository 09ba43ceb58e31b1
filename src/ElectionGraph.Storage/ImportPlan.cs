using ElectionGraph.Domain;
using ElectionGraph.Storage.Bson;
using MongoDB.Bson;

namespace ElectionGraph.Storage;

/// <summary>What an import writes, worked out against what is stored; both adapters carry it out.</summary>
internal sealed record ImportPlan(IReadOnlyList<ImportPlan.Write> Writes, int Inserted, int Updated, int Unchanged)
{
    /// <param name="ExpectedVersion">The stored version the write replaces (0: a new document).</param>
    public sealed record Write(string Collection, Type DocumentType, string Id, long ExpectedVersion, BsonDocument Body);

    public ImportSummary Summary => new(Inserted, Updated, Unchanged);

    /// <param name="stored">The stored body of a document, by collection and id; null when absent.</param>
    public static ImportPlan For(IEnumerable<IDocument> documents, Func<string, string, BsonDocument?> stored, DateTime now)
    {
        var writes = new List<Write>();
        int inserted = 0, updated = 0, unchanged = 0;
        foreach (var document in documents)
        {
            var type = document.GetType();
            if (!DocumentMaps.PublicDataTypes.Contains(type))
                throw new ArgumentException($"{type.Name} is not public data: an import never writes it.", nameof(documents));
            var collection = DocumentMaps.CollectionName(type);
            var body = DocumentBson.ToBson(document);
            var current = stored(collection, document.Id);
            if (current is not null && DocumentBson.SameContent(current, body))
            {
                unchanged++;
                continue;
            }

            var currentVersion = current?[DocumentBson.VersionField].ToInt64() ?? 0;
            if (current is null) inserted++; else updated++;
            writes.Add(new Write(collection, type, document.Id, currentVersion, DocumentBson.Stamped(body, currentVersion + 1, now)));
        }

        return new ImportPlan(writes, inserted, updated, unchanged);
    }
}
