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
    public static Expression<Func<T, TValue>> Of<T, TValue>(string property)
    {
        var document = Expression.Parameter(typeof(T), "d");
        return Expression.Lambda<Func<T, TValue>>(Expression.Property(document, typeof(T).GetProperty(property)!), document);
    }

    /// <summary>One document by id, or null.</summary>
    public static async Task<T?> FindAsync<T>(this IDocumentCollection<T> documents, string id, CancellationToken cancellationToken)
        where T : class, IDocument =>
        (await Loaders.ByIds(documents.Query(), [id]).ToListAsync(cancellationToken)).SingleOrDefault();
}
