using System.Linq.Expressions;
using ElectionGraph.Api.Conventions.Filtering;
using ElectionGraph.Api.Conventions.Sorting;
using ElectionGraph.Storage;
using GraphQL;

namespace ElectionGraph.Api.Conventions.Paging;

/// <summary>
/// Runs a list field: the source query, the filter, updatedSince, the keyset bounds, the order and the
/// page size become one LINQ expression, run by the store (in memory, or as one MongoDB pipeline).
/// </summary>
public static class ListQuery
{
    public static async Task<Connection<T>> RunAsync<T>(IResolveFieldContext context, IQueryable<T> source, IReadOnlyList<SortKey> defaultOrder)
    {
        var page = PageRequest.From(context);
        var cursors = context.RequestServices!.GetRequiredService<Cursors>();
        var keys = Order<T>(context, defaultOrder);
        var matching = Filtered(context, source);
        // Made only when a cursor is read or signed (most pages are read as nodes), from what the context holds now:
        // GraphQL.NET reuses the context for other fields once this resolver returns.
        var (parent, field, arguments) = (context.ParentType, context.FieldDefinition, context.Arguments);
        string? fingerprint = null;
        string Fingerprint() => fingerprint ??= Cursors.Fingerprint(
            $"{parent.Name}.{field.Name}",
            arguments?.Where(a => !PageRequest.Arguments.Contains(a.Key)).Select(a => KeyValuePair.Create(a.Key, a.Value.Value)) ?? []);

        var bounded = matching;
        if (page.After is not null) bounded = bounded.Where(Keyset.Beyond<T>(keys, cursors.Decode(page.After, Fingerprint(), keys), forward: true));
        if (page.Before is not null) bounded = bounded.Where(Keyset.Beyond<T>(keys, cursors.Decode(page.Before, Fingerprint(), keys), forward: false));

        // One more than the page, to tell whether there is a next page.
        var rows = await SortKey.Apply(bounded, keys, reverse: page.FromEnd).Take(page.Size + 1).ToListAsync(context.CancellationToken);
        var more = rows.Count > page.Size;
        var items = rows.Take(page.Size).ToList();
        if (page.FromEnd) items.Reverse();

        Func<T, string> cursorOf = item => cursors.Encode(Fingerprint(), keys.Select(k => k.ValueOf(item!)));
        var edges = items.Select(item => new Edge<T>(item, cursorOf)).ToList();
        var info = new PageInfo(
            hasNextPage: page.FromEnd ? page.Before is not null : more,
            hasPreviousPage: page.FromEnd ? more : page.After is not null,
            edges.FirstOrDefault(), edges.LastOrDefault());
        return new Connection<T>(edges, info, cancellationToken => matching.CountAsync(cancellationToken));
    }

    /// <summary>Every item the field's arguments select, in its order, unpaged: what a download of the list writes.</summary>
    public static IQueryable<T> All<T>(IResolveFieldContext context, IQueryable<T> source, IReadOnlyList<SortKey> defaultOrder) =>
        SortKey.Apply(Filtered(context, source), Order<T>(context, defaultOrder), reverse: false);

    private static IReadOnlyList<SortKey> Order<T>(IResolveFieldContext context, IReadOnlyList<SortKey> defaultOrder) =>
        SortParser.Parse<T>(context.Raw("order") as IEnumerable<object?>, defaultOrder);

    /// <summary>The source narrowed by the field's <c>where</c> and <c>updatedSince</c> arguments.</summary>
    public static IQueryable<T> Filtered<T>(IResolveFieldContext context, IQueryable<T> source)
    {
        if (FilterBuilder.Build<T>(context.Raw("where") as IDictionary<string, object?>) is { } filter) source = source.Where(filter);
        if (context.GetArgument<DateTime?>("updatedSince") is { } since) source = source.Where(UpdatedSince<T>(since));
        return source;
    }

    /// <summary>An argument as GraphQL.NET parsed it: input objects as dictionaries, lists as lists.</summary>
    public static object? Raw(this IResolveFieldContext context, string name) =>
        context.Arguments?.TryGetValue(name, out var argument) == true ? argument.Value : null;

    private static Expression<Func<T, bool>> UpdatedSince<T>(DateTime since)
    {
        var updatedAt = DocumentFields.Of<T, DateTime>("UpdatedAt");
        return Expression.Lambda<Func<T, bool>>(QueryMethods.Compare(ExpressionType.GreaterThanOrEqual, updatedAt.Body, Expression.Constant(FilterBuilder.Utc(since))), updatedAt.Parameters);
    }
}
