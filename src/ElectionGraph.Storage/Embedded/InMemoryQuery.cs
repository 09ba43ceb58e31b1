using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ElectionGraph.Storage.Embedded;

/// <summary>
/// The embedded store's queryable over a snapshot. LINQ's own <c>EnumerableQuery</c> compiles every query
/// to IL (about 2 ms a query, most of a request: bench/README.md). This lifts every constant (the snapshot
/// too) into a parameter and compiles each query template once, its <c>Queryable</c> calls rewritten to
/// <c>Enumerable</c> ones: the next request of the same template (another election, filter value, cursor or
/// snapshot) only lifts its constants and runs.
/// </summary>
internal sealed class InMemoryQuery<T> : IOrderedQueryable<T>, IRootQuery
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

    public object? Rows => _source;

    public IEnumerator<T> GetEnumerator() =>
        (_source ?? InMemoryQueryProvider.Run<IEnumerable<T>>(Expression)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static InMemoryQuery<T> Of(Expression expression) => new(expression);
}

/// <summary>A query over rows held in memory, whatever their type.</summary>
internal interface IRootQuery
{
    /// <summary>The rows (a snapshot, or a projection kept for one); null for a composed query.</summary>
    object? Rows { get; }
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
    private static readonly ConcurrentDictionary<QueryTemplate, Func<object?[], object?>> Compiled = new();
    private const int MaxTemplates = 2000;

    internal static TResult Run<TResult>(Expression expression) => Compile<TResult>(new KeptProjections().Visit(expression));

    private static TResult Compile<TResult>(Expression expression)
    {
        // A request only reads its query's template and values; the query is rewritten and compiled when the template is new.
        using var constants = new ConstantLifter(typeof(TResult), rewrite: false);
        constants.Visit(expression);
        if (!Compiled.TryGetValue(constants.Probe, out var run))
        {
            // Counting takes every lock of the dictionary: only here, where a template is new, never on a request's way.
            if (Compiled.Count > MaxTemplates) Compiled.Clear();
            run = Compiled.GetOrAdd(constants.Template, _ =>
            {
                using var lifting = new ConstantLifter(typeof(TResult), rewrite: true);
                var lifted = lifting.Visit(expression)!;
                return Expression.Lambda<Func<object?[], object?>>(Expression.Convert(new ToEnumerable().Visit(lifted), typeof(object)), lifting.Parameter).Compile();
            });
        }

        return (TResult)run([.. constants.Values])!;
    }

    /// <summary>
    /// Projections of a snapshot (every seat row flattened with its council, every mayoral candidate with its
    /// mayoralty) are made once per snapshot and election, and kept with the snapshot: the queries over them filter,
    /// sort and page what is kept rather than build every row again. A projection is a <c>Select</c> or
    /// <c>SelectMany</c> over the snapshot, narrowed only by <c>Where</c>s on scalar values.
    /// </summary>
    private sealed class KeptProjections : ExpressionVisitor
    {
        private static readonly ConditionalWeakTable<object, ConcurrentDictionary<(QueryTemplate, Values), object>> Kept = new();
        private static readonly MethodInfo MaterializeMethod = typeof(KeptProjections).GetMethod(nameof(Materialize), BindingFlags.NonPublic | BindingFlags.Static)!;

        /// <summary>Projections kept per snapshot: a few elections' worth; past it, they start over.</summary>
        private const int MaxPerSnapshot = 64;

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(Queryable) || node.Method.Name is not (nameof(Queryable.Select) or nameof(Queryable.SelectMany))
                || Snapshot(node.Arguments[0]) is not { } snapshot)
                return base.VisitMethodCall(node);

            using var constants = new ConstantLifter(node.Type, rewrite: false);
            constants.Visit(node);
            // The snapshot is the first constant (the innermost source) and the table's key; the others must be plain values.
            var values = constants.Values.Skip(1).ToArray();
            if (!values.All(v => v is null or string or ValueType)) return base.VisitMethodCall(node);

            var key = (constants.Template, new Values(values));
            var kept = Kept.GetOrCreateValue(snapshot);
            if (!kept.TryGetValue(key, out var projection))
            {
                if (kept.Count > MaxPerSnapshot) kept.Clear();
                var element = node.Type.GetGenericArguments()[0];
                projection = kept.GetOrAdd(key, _ => MaterializeMethod.MakeGenericMethod(element).Invoke(null, [node])!);
            }

            return Expression.Constant(projection, node.Type);
        }

        private static InMemoryQuery<TElement> Materialize<TElement>(Expression projection) =>
            new(Compile<IEnumerable<TElement>>(projection).ToList());

        /// <summary>The snapshot a query starts from, through <c>Where</c>s only; null for anything else.</summary>
        private static object? Snapshot(Expression source) => source switch
        {
            ConstantExpression { Value: IRootQuery { Rows: { } rows } } => rows,
            MethodCallExpression { Method.Name: nameof(Queryable.Where) } where when where.Method.DeclaringType == typeof(Queryable) => Snapshot(where.Arguments[0]),
            _ => null,
        };
    }

    /// <summary>
    /// Takes each constant out of a query as a value, and with <c>rewrite</c> turns it into <c>p[i]</c>, so queries
    /// that differ only in values share a template. The root query is one of them: enumerated, it is its snapshot.
    /// A captured variable (a field of a closure's constant) is taken out as its value, like any constant.
    /// </summary>
    private sealed class ConstantLifter : ExpressionVisitor, IDisposable
    {
        private readonly bool _rewrite;
        private readonly QueryTemplate.Builder _template;

        public ConstantLifter(Type result, bool rewrite) => (_rewrite, _template) = (rewrite, new QueryTemplate.Builder(result));

        public ParameterExpression Parameter { get; } = Expression.Parameter(typeof(object[]), "p");
        public List<object?> Values { get; } = [];
        /// <summary>The query's template, to keep.</summary>
        public QueryTemplate Template => _template.Build();

        /// <summary>The query's template, to look up while this lifter is in use.</summary>
        public QueryTemplate Probe => _template.Probe();

        public void Dispose() => _template.Dispose();

        public override Expression? Visit(Expression? node)
        {
            _template.Add(node);
            return base.Visit(node);
        }

        protected override Expression VisitConstant(ConstantExpression node) => Lift(node, node.Value);

        protected override Expression VisitMember(MemberExpression node) =>
            node is { Expression: ConstantExpression { Value: { } closure }, Member: FieldInfo field }
                ? Lift(node, field.GetValue(closure))
                : base.VisitMember(node);

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _template.Add(node);
            return node;
        }

        protected override MemberBinding VisitMemberBinding(MemberBinding node)
        {
            _template.Add(node);
            return base.VisitMemberBinding(node);
        }

        protected override ElementInit VisitElementInit(ElementInit node)
        {
            _template.Add(node);
            return base.VisitElementInit(node);
        }

        private Expression Lift(Expression node, object? value)
        {
            Values.Add(value);
            _template.AddValue();
            return _rewrite ? Expression.Convert(Expression.ArrayIndex(Parameter, Expression.Constant(Values.Count - 1)), node.Type) : node;
        }
    }

    /// <summary>Values compared one by one, as a key: the plain values a kept projection was made with.</summary>
    private sealed class Values(object?[] items) : IEquatable<Values>
    {
        private readonly int _hash = items.Aggregate(items.Length, (hash, item) => HashCode.Combine(hash, item));

        public bool Equals(Values? other) => other is not null && items.SequenceEqual(other.Items);
        public override bool Equals(object? obj) => Equals(obj as Values);
        public override int GetHashCode() => _hash;
        private object?[] Items => items;
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
