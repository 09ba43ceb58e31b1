namespace ElectionGraph.Storage;

/// <summary>A write expected one version of a document and the store holds another.</summary>
public sealed class VersionConflictException(string collection, string id, long expectedVersion, long currentVersion)
    : Exception($"{collection}/{id}: expected version {expectedVersion}, the store holds version {currentVersion}.")
{
    public string Id { get; } = id;
    public long ExpectedVersion { get; } = expectedVersion;

    /// <summary>0 when the document does not exist.</summary>
    public long CurrentVersion { get; } = currentVersion;
}
