using ElectionGraph.Api.Conventions.Paging;
using ElectionGraph.Api.Conventions.Sorting;
using ElectionGraph.Storage;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace ElectionGraph.Api.Downloads;

/// <summary>
/// What makes a list field a download: its source and default order, kept on the field by the declaration that
/// makes it a list (<c>ListFields.Connection</c>), so every list is downloadable and none is declared twice.
/// </summary>
public abstract class Downloadable
{
    internal const string Key = "download:rows";

    /// <summary>The CLR type of the list's items.</summary>
    public abstract Type Node { get; }

    /// <summary>
    /// Every row the field's arguments select, in its order, streamed from the store. The filter and order are
    /// built at once (a <c>FilterError</c> is thrown here); the rows are read as they are enumerated.
    /// </summary>
    public abstract IAsyncEnumerable<object> Open(IResolveFieldContext context);

    /// <summary>The download of a field; null for a field that is not a list.</summary>
    public static Downloadable? Of(FieldType? field) => field?.GetMetadata<Downloadable?>(Key);
}

internal sealed class DownloadableRows<T>(Func<IResolveFieldContext, IQueryable<T>> source, IReadOnlyList<SortKey> defaultOrder) : Downloadable where T : class
{
    public override Type Node => typeof(T);

    public override IAsyncEnumerable<object> Open(IResolveFieldContext context) =>
        ListQuery.All(context, source(context), defaultOrder).StreamAsync(context.CancellationToken);
}

public static class DownloadableFields
{
    /// <summary>Makes a list field a download of <paramref name="source"/>, filtered and ordered as its pages are.</summary>
    public static FieldBuilder<TSource, TReturn> Downloadable<TSource, TReturn, TNode>(
        this FieldBuilder<TSource, TReturn> field, Func<IResolveFieldContext, IQueryable<TNode>> source, IReadOnlyList<SortKey> defaultOrder)
        where TNode : class =>
        field.WithMetadata(Downloads.Downloadable.Key, new DownloadableRows<TNode>(source, defaultOrder));
}
