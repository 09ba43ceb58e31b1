using ElectionGraph.Domain;
using ElectionGraph.Storage;
using ElectionGraph.Storage.Bson;
using MongoDB.Bson;

namespace ElectionGraph.Tests.Support;

/// <summary>Everything a store holds, every collection (internal ones too), as stored: two reads compare equal only if nothing was written.</summary>
public static class StoreContents
{
    public static IReadOnlyDictionary<string, string> Of(IDocumentStore store) =>
        DocumentMaps.DocumentTypes.ToDictionary(
            DocumentMaps.CollectionName,
            type => (string)typeof(StoreContents).GetMethod(nameof(Collection), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, [store])!);

    private static string Collection<T>(IDocumentStore store) where T : class, IDocument =>
        new BsonArray(store.Collection<T>().Query().AsEnumerable().OrderBy(d => d.Id, StringComparer.Ordinal).Select(DocumentBson.ToBson)).ToJson();
}
