using System.Collections.Concurrent;
using System.Linq.Expressions;
using ElectionGraph.Api.Conventions.Loading;
using ElectionGraph.Domain;
using ElectionGraph.Storage;

namespace ElectionGraph.Api.Conventions;

/// <summary>
/// Member access on a concrete document type for generic code: <c>d =&gt; d.UpdatedAt</c> written against an
/// interface would reach MongoDB as an interface member, which the driver cannot map.
/// </summary>
public static class DocumentFields
{
    /// <summary>Made once per type and property: every request's queries are built of them.</summary>
    private static readonly ConcurrentDictionary<(Type Document, string Property), LambdaExpression> Members = new();

    public static Expression<Func<T, TValue>> Of<T, TValue>(string property) =>
        (Expression<Func<T, TValue>>)Members.GetOrAdd((typeof(T), property), static key =>
        {
            var document = Expression.Parameter(key.Document, "d");
            return Expression.Lambda<Func<T, TValue>>(Expression.Property(document, key.Document.GetProperty(key.Property)!), document);
        });

    /// <summary>The document with this id, as a query.</summary>
    public static IQueryable<T> WithId<T>(this IQueryable<T> documents, string id) where T : IDocument =>
        documents.Where(Of<T, string>(nameof(IDocument.Id)).Is(id));

    /// <summary>One document by id, or null.</summary>
    public static async Task<T?> FindAsync<T>(this IDocumentCollection<T> documents, string id, CancellationToken cancellationToken)
        where T : class, IDocument =>
        (await Loaders.ByIds(documents.Query(), [id]).ToListAsync(cancellationToken)).SingleOrDefault();
}
