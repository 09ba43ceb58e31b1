using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace ElectionGraph.Api.Conventions.Sorting;

/// <summary>
/// One key of an order: a member path from the document (<c>x.Council.Name</c>) and a direction. Missing
/// values sort last either way (a partner asking for the biggest loss first does not want "unknown"
/// first), in both stores.
/// </summary>
public sealed class SortKey
{
    /// <summary>The keys partners' orders are made of, one for each path and direction: the schema bounds them.</summary>
    private static readonly ConcurrentDictionary<(Type Document, string Path, bool Descending), SortKey> Parsed = new();

    private Func<object, object?>? _reader;

    private SortKey(LambdaExpression key, bool descending)
    {
        Key = key;
        Descending = descending;
        Path = MemberPath(key.Body) ?? key.Body.ToString();
        Nullable = key.Body is MemberExpression { Member: PropertyInfo property } && Shape.IsNullable(property);
    }

    public LambdaExpression Key { get; }

    public bool Descending { get; }

    /// <summary>The members from the document, <c>Council.Name</c>.</summary>
    public string Path { get; }

    public Type Type => Key.ReturnType;

    /// <summary>Whether the key's value can be missing.</summary>
    public bool Nullable { get; }

    public static SortKey Asc<T, TKey>(Expression<Func<T, TKey>> key) => new(key, false);

    public static SortKey Desc<T, TKey>(Expression<Func<T, TKey>> key) => new(key, true);

    /// <summary>The key's path from another expression of the document type.</summary>
    public Expression On(Expression document) => new Rebind(Key.Parameters[0], document).Visit(Key.Body)!;

    /// <summary>The key's value on a node, for its cursor.</summary>
    public object? ValueOf(object node) => (_reader ??= Reader())(node);

    private Func<object, object?> Reader()
    {
        var untyped = Expression.Parameter(typeof(object));
        var body = On(Expression.Convert(untyped, Key.Parameters[0].Type));
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(body, typeof(object)), untyped).Compile();
    }

    /// <summary>Orders by the keys, or by their reverse (for <c>last</c>/<c>before</c>).</summary>
    public static IQueryable<T> Apply<T>(IQueryable<T> query, IReadOnlyList<SortKey> keys, bool reverse)
    {
        var first = true;
        foreach (var key in keys)
        {
            if (key.Nullable)
            {
                // "Is missing" first, ascending: present values before missing ones (after them, reversed).
                var missing = Expression.Lambda(QueryMethods.Compare(ExpressionType.Equal, key.Key.Body, Expression.Constant(null, key.Type)), key.Key.Parameters);
                query = OrderBy(query, missing, reverse, ref first);
            }

            query = OrderBy(query, key.Key, key.Descending != reverse, ref first);
        }

        return query;
    }

    private static IQueryable<T> OrderBy<T>(IQueryable<T> query, LambdaExpression key, bool descending, ref bool first)
    {
        var method = (first, descending) switch
        {
            (true, false) => nameof(Queryable.OrderBy),
            (true, true) => nameof(Queryable.OrderByDescending),
            (false, false) => nameof(Queryable.ThenBy),
            (false, true) => nameof(Queryable.ThenByDescending),
        };
        first = false;
        return query.Provider.CreateQuery<T>(
            Expression.Call(QueryMethods.Ordering(method, typeof(T), key.ReturnType), query.Expression, Expression.Quote(key)));
    }

    /// <summary>The path <paramref name="members"/> from a <typeparamref name="T"/>, as a key lambda.</summary>
    public static SortKey Of<T>(IReadOnlyList<PropertyInfo> members, bool descending) =>
        Parsed.GetOrAdd((typeof(T), string.Join('.', members.Select(m => m.Name)), descending), static (_, key) =>
        {
            var document = Expression.Parameter(typeof(T), "x");
            var body = key.Members.Aggregate((Expression)document, Expression.Property);
            return new SortKey(Expression.Lambda(body, document), key.Descending);
        }, (Members: members, Descending: descending));

    /// <summary>The members a key reads from its document, joined by dots; null for a key that computes its value.</summary>
    private static string? MemberPath(Expression body) => body switch
    {
        ParameterExpression => "",
        MemberExpression { Expression: { } from } member when MemberPath(from) is { } path => path.Length == 0 ? member.Member.Name : $"{path}.{member.Member.Name}",
        _ => null,
    };

    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
