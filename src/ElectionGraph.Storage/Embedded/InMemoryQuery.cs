using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace ElectionGraph.Storage.Embedded;

/// <summary>
/// The embedded store's queryable over a snapshot. LINQ's own <c>EnumerableQuery</c> compiles every query
/// to IL (about 2 ms a query, most of a request: bench/README.md). This lifts every constant (the snapshot
/// too) into a parameter and compiles each query template once, its <c>Queryable</c> calls rewritten to
/// <c>Enumerable</c> ones: the next request of the same template (another election, filter value, cursor or
/// snapshot) only lifts its constants and runs.
/// </summary>
internal sealed class InMemoryQuery<T> : IOrderedQueryable<T>
{
    private readonly IEnumerable<T>? _source;

    public InMemoryQuery(IEnumerable<T> source)
    {
        _source = source;
        Expression = Expression.Constant(this);
    }

    private InMemoryQuery(Expression expression) => Expression = expression;

    public Type ElementType => typeof(T);
    public Expression Expression { get; }
    public IQueryProvider Provider => InMemoryQueryProvider.Instance;

    public IEnumerator<T> GetEnumerator() =>
        (_source ?? InMemoryQueryProvider.Run<IEnumerable<T>>(Expression)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static InMemoryQuery<T> Of(Expression expression) => new(expression);
}

internal sealed class InMemoryQueryProvider : IQueryProvider
{
    public static readonly InMemoryQueryProvider Instance = new();

    public IQueryable<TElement> CreateQuery<TElement>(Expression expression) => InMemoryQuery<TElement>.Of(expression);

    public IQueryable CreateQuery(Expression expression) =>
        (IQueryable)typeof(InMemoryQuery<>).MakeGenericType(expression.Type.GetGenericArguments()[^1])
            .GetMethod(nameof(InMemoryQuery<object>.Of), BindingFlags.NonPublic | BindingFlags.Static)!
            .Invoke(null, [expression])!;

    public TResult Execute<TResult>(Expression expression) => Run<TResult>(expression);

    public object? Execute(Expression expression) => Run<object?>(expression);

    /// <summary>Compiled query templates; partners' filters can make many, so the cache starts over past a bound.</summary>
    private static readonly ConcurrentDictionary<string, Func<object?[], object?>> Compiled = new();
    private const int MaxTemplates = 2000;

    internal static TResult Run<TResult>(Expression expression)
    {
        var constants = new ConstantLifter();
        var lifted = constants.Visit(expression);
        var template = $"{typeof(TResult)}|{string.Join(",", constants.Types)}|{lifted}";
        if (!Compiled.TryGetValue(template, out var run))
        {
            // Counting takes every lock of the dictionary: only here, where a template is new, never on a request's way.
            if (Compiled.Count > MaxTemplates) Compiled.Clear();
            run = Compiled.GetOrAdd(template,
                _ => Expression.Lambda<Func<object?[], object?>>(Expression.Convert(new ToEnumerable().Visit(lifted), typeof(object)), constants.Parameter).Compile());
        }

        return (TResult)run([.. constants.Values])!;
    }

    /// <summary>
    /// Turns each constant into <c>p[i]</c>, so queries that differ only in values share a template. The root query is
    /// one of them: enumerated, it is its snapshot.
    /// </summary>
    private sealed class ConstantLifter : ExpressionVisitor
    {
        public ParameterExpression Parameter { get; } = Expression.Parameter(typeof(object[]), "p");
        public List<object?> Values { get; } = [];
        public List<Type> Types { get; } = [];

        protected override Expression VisitConstant(ConstantExpression node)
        {
            Values.Add(node.Value);
            Types.Add(node.Type);
            return Expression.Convert(Expression.ArrayIndex(Parameter, Expression.Constant(Values.Count - 1)), node.Type);
        }
    }

    /// <summary>Replaces each <c>Queryable</c> call by the <c>Enumerable</c> overload it stands for.</summary>
    private sealed class ToEnumerable : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(Queryable)) return base.VisitMethodCall(node);
            var arguments = node.Arguments.Select(argument => Visit(argument) switch
            {
                UnaryExpression { NodeType: ExpressionType.Quote } quote => quote.Operand,
                var visited => visited,
            }).ToArray();
            return Expression.Call(EnumerableOverload(node.Method, arguments), arguments);
        }

        private static MethodInfo EnumerableOverload(MethodInfo queryable, Expression[] arguments)
        {
            var generics = queryable.IsGenericMethod ? queryable.GetGenericArguments() : [];
            return typeof(Enumerable).GetMethods()
                .Where(m => m.Name == queryable.Name && m.GetParameters().Length == arguments.Length
                            && m.GetGenericArguments().Length == generics.Length)
                .Select(m => m.IsGenericMethodDefinition ? m.MakeGenericMethod(generics) : m)
                .Single(m => m.GetParameters().Zip(arguments).All(p => p.First.ParameterType.IsAssignableFrom(p.Second.Type)));
        }
    }
}
