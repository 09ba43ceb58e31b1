using System.Collections.Concurrent;
using System.Reflection;

namespace ElectionGraph.Api.Conventions;

/// <summary>
/// The LINQ methods the conventions build queries with, each found once: <c>Expression.Call</c> by name, or
/// <c>GetMethods()</c>, searches and allocates on every call, and every request builds its queries anew.
/// </summary>
public static class QueryMethods
{
    public static readonly MethodInfo EnumerableContains = Generic(typeof(Enumerable), nameof(Enumerable.Contains), 2);
    public static readonly MethodInfo EnumerableAny = Generic(typeof(Enumerable), nameof(Enumerable.Any), 1);
    public static readonly MethodInfo EnumerableAnyWhere = Generic(typeof(Enumerable), nameof(Enumerable.Any), 2);
    public static readonly MethodInfo EnumerableAll = Generic(typeof(Enumerable), nameof(Enumerable.All), 2);

    private static readonly ConcurrentDictionary<(string Name, Type Element, Type Key), MethodInfo> Orderings = new();

    /// <summary><c>Queryable.OrderBy</c>, <c>ThenByDescending</c>, … for these element and key types.</summary>
    public static MethodInfo Ordering(string name, Type element, Type key) =>
        Orderings.GetOrAdd((name, element, key), k => Generic(typeof(Queryable), k.Name, 2).MakeGenericMethod(k.Element, k.Key));

    private static MethodInfo Generic(Type type, string name, int parameters) =>
        type.GetMethods().Single(m => m.Name == name && m.GetParameters().Length == parameters);
}
