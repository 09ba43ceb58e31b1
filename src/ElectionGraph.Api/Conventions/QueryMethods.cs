using System.Collections.Concurrent;
using System.Linq.Expressions;
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

    private static readonly ConcurrentDictionary<(ExpressionType Kind, Type Type), MethodInfo?> Operators = new();

    /// <summary>
    /// A comparison (<c>Equal</c>, <c>GreaterThan</c>, …) with its operator found once per type: <c>Expression.Equal</c>
    /// and the like look a user-defined operator (string's ==, DateTime's >=) up by reflection on every call.
    /// </summary>
    public static BinaryExpression Compare(ExpressionType kind, Expression left, Expression right) =>
        Expression.MakeBinary(kind, left, right, liftToNull: false, left.Type != right.Type ? null
            : Operators.GetOrAdd((kind, left.Type), static key => Expression.MakeBinary(key.Kind, Expression.Default(key.Type), Expression.Default(key.Type)).Method));

    /// <summary><c>member == value</c>, as a filter.</summary>
    public static Expression<Func<T, bool>> Is<T, TValue>(this Expression<Func<T, TValue>> member, TValue value) =>
        Expression.Lambda<Func<T, bool>>(Compare(ExpressionType.Equal, member.Body, Expression.Constant(value, typeof(TValue))), member.Parameters);

    private static readonly MethodInfo ContainsText = EnumerableContains.MakeGenericMethod(typeof(string));

    /// <summary>
    /// <c>values.Contains(member)</c> (or its negation), as a filter: MongoDB's <c>$in</c> (<c>$nin</c>). Built from
    /// parts: C# 14 binds an array's <c>Contains</c> to MemoryExtensions' (a span), which an interpreted query cannot run.
    /// </summary>
    public static Expression<Func<T, bool>> IsIn<T>(this Expression<Func<T, string>> member, IReadOnlyCollection<string> values, bool negated = false)
    {
        Expression contains = Expression.Call(ContainsText, Expression.Constant(values.ToArray()), member.Body);
        return Expression.Lambda<Func<T, bool>>(negated ? Expression.Not(contains) : contains, member.Parameters);
    }

    private static MethodInfo Generic(Type type, string name, int parameters) =>
        type.GetMethods().Single(m => m.Name == name && m.GetParameters().Length == parameters);
}
