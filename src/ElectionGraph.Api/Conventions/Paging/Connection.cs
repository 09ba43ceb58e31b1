namespace ElectionGraph.Api.Conventions.Paging;

/// <summary>A page of a list, Relay style; the total is counted only when asked for.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, Func<CancellationToken, Task<int>> CountAsync);

/// <summary>An item and its cursor, signed only if asked for: most pages are read as <c>nodes</c>, without cursors.</summary>
public sealed record Edge<T>(T Node, Func<T, string> CursorOf)
{
    public string Cursor => CursorOf(Node);
}

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);
