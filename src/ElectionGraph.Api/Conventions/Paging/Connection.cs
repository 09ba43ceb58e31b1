namespace ElectionGraph.Api.Conventions.Paging;

/// <summary>A page of a list, Relay style; the total is counted only when asked for.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, Func<CancellationToken, Task<int>> CountAsync);

/// <summary>An item and its cursor, signed only if asked for: most pages are read as <c>nodes</c>, without cursors.</summary>
public sealed record Edge<T>(T Node, Func<T, string> CursorOf) : IEdge
{
    public string Cursor => CursorOf(Node);
}

/// <summary>Whether there are more pages either way, and the cursors of the page's ends, signed only if asked for.</summary>
public sealed class PageInfo(bool hasNextPage, bool hasPreviousPage, IEdge? first, IEdge? last)
{
    public bool HasNextPage { get; } = hasNextPage;
    public bool HasPreviousPage { get; } = hasPreviousPage;
    public string? StartCursor => first?.Cursor;
    public string? EndCursor => last?.Cursor;
}

/// <summary>An edge of any list, for its cursor.</summary>
public interface IEdge
{
    string Cursor { get; }
}
