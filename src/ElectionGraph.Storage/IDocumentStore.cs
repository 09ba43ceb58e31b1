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
    /// A cheap round trip that shows the store can take a write now: on the embedded store a one-row write to
    /// its file, on MongoDB a ping to the primary. Readiness checks call it.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot take a write.</exception>
    Task PingAsync(CancellationToken cancellationToken = default);

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
