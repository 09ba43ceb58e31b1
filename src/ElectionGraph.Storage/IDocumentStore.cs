using ElectionGraph.Domain;

namespace ElectionGraph.Storage;

/// <summary>
/// The storage port: the API reads, writes and watches documents through it and never talks to a driver.
/// </summary>
public interface IDocumentStore : IAsyncDisposable
{
    IDocumentCollection<T> Collection<T>() where T : class, IDocument;

    /// <summary>True while the store holds no public data (internal records such as API keys do not count): it needs its seed.</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a validated set of public data documents: new ones are inserted, changed ones become their next version,
    /// identical ones are left alone. The embedded store applies the whole set in one transaction.
    /// </summary>
    Task<ImportSummary> ImportAsync(
        IReadOnlyList<IDocument> documents,
        IProgress<int>? written = null,
        CancellationToken cancellationToken = default);
}

public sealed record ImportSummary(int Inserted, int Updated, int Unchanged);
