using ElectionGraph.Api.Transport;
using GraphQL;

namespace ElectionGraph.Api.Aggregates;

/// <summary>
/// Aggregates are pure functions of their arguments and the data, and partners ask the same few again and again
/// (the national scoreboard, a region's): each is computed once per data version, whether whole answers are kept
/// (<see cref="ResponseCache"/>) or not. The rows are shared by every answer that asks, so they are never changed.
/// </summary>
public sealed class AggregateMemo(DataVersion dataVersion, IGraphQLTextSerializer serializer) : IDisposable
{
    /// <summary>Each aggregate is one entry, of at most a few hundred rows.</summary>
    private const int Entries = 1_000;

    private readonly VersionedCache _rows = new(dataVersion, Entries);

    public async Task<T> GetAsync<T>(IResolveFieldContext context, Func<Task<T>> compute) where T : class
    {
        if (_rows.Version is not { } version) return await compute();
        var arguments = context.Arguments?.ToDictionary(a => a.Key, a => a.Value.Value) ?? [];
        var key = (context.FieldDefinition.Name, serializer.Serialize(arguments));
        if (_rows.TryGet(version, key, out T? rows)) return rows!;
        rows = await compute();
        _rows.Keep(version, key, rows, size: 1);
        return rows;
    }

    public void Dispose() => _rows.Dispose();
}

public static class AggregateMemoExtensions
{
    /// <summary>The aggregate's rows at the current data version: computed once (directly where there is no data version, as in benchmarks of the schema alone).</summary>
    public static Task<T> OncePerDataVersion<T>(this IResolveFieldContext context, Func<Task<T>> compute) where T : class =>
        context.RequestServices?.GetService<AggregateMemo>() is { } memo ? memo.GetAsync(context, compute) : compute();
}
