using System.Linq.Expressions;

namespace ElectionGraph.Storage.Embedded;

/// <summary>
/// A query with its values taken out: equal for queries that differ only in values (the snapshot, an election,
/// a filter's value, a cursor). Compared and hashed part by part (each node's kind and type, the methods and
/// members it names, where a value was), so finding a compiled query never prints or rebuilds its expression.
/// </summary>
internal sealed class QueryTemplate : IEquatable<QueryTemplate>
{
    private readonly Part[] _parts;
    private readonly int _count;
    private readonly int _hash;

    private QueryTemplate(Part[] parts, int count, int hash) => (_parts, _count, _hash) = (parts, count, hash);

    /// <param name="Kind">A node type (0 and up), or one of the <see cref="Builder"/>'s kinds of part.</param>
    private readonly record struct Part(int Kind, int Number, object? Reference);

    public bool Equals(QueryTemplate? other) =>
        other is not null && _hash == other._hash && _parts.AsSpan(0, _count).SequenceEqual(other._parts.AsSpan(0, other._count));

    public override bool Equals(object? obj) => Equals(obj as QueryTemplate);

    public override int GetHashCode() => _hash;

    /// <summary>
    /// Records a query's parts in the order an <see cref="ExpressionVisitor"/> visits them, into an array the thread
    /// reuses once the builder is disposed: most queries are looked up, and only a new template is kept.
    /// </summary>
    public sealed class Builder : IDisposable
    {
        // Kinds of part beside the node types.
        private const int Null = -1, Method = -2, Member = -3, Parameter = -4, Value = -5, Lifted = -6, Binding = -7, Printed = -8, Result = -9;

        [ThreadStatic] private static Part[]? _spare;

        private readonly Dictionary<ParameterExpression, int> _parameters = [];
        private Part[] _parts;
        private int _count;
        private int _hash;

        public Builder(Type result)
        {
            _parts = _spare ?? new Part[256];
            _spare = null;
            Add(Result, 0, result);
        }

        public void Add(Expression? node)
        {
            if (node is null)
            {
                Add(Null, 0, null);
                return;
            }

            Add((int)node.NodeType, 0, node.Type);
            switch (node)
            {
                case MethodCallExpression call: Add(Method, 0, call.Method); break;
                case UnaryExpression unary: Add(Method, 0, unary.Method); break;
                case BinaryExpression binary:
                    Add(Method, 0, binary.Method);
                    Add(Lifted, binary.IsLiftedToNull ? 1 : 0, null);
                    break;
                case TypeBinaryExpression test: Add(Member, 0, test.TypeOperand); break;
                case NewExpression construct:
                    Add(Method, 0, construct.Constructor);
                    foreach (var member in construct.Members ?? []) Add(Member, 0, member);
                    break;
                case IndexExpression index: Add(Member, 0, index.Indexer); break;
                case MemberExpression member: Add(Member, 0, member.Member); break;
                // Their parts are their children, visited next, or come through the other Adds.
                case ParameterExpression or ConstantExpression or LambdaExpression or ConditionalExpression or NewArrayExpression
                    or InvocationExpression or MemberInitExpression or ListInitExpression or DefaultExpression:
                    break;
                default: Add(Printed, 0, node.ToString()); break; // blocks, loops and the like, which queries do not hold
            }
        }

        /// <summary>A parameter by the order it first appears in: two queries' own parameters are never the same objects.</summary>
        public void Add(ParameterExpression parameter)
        {
            if (!_parameters.TryGetValue(parameter, out var number)) _parameters[parameter] = number = _parameters.Count;
            Add(Parameter, number, null);
        }

        public void Add(MemberBinding binding) => Add(Binding, (int)binding.BindingType, binding.Member);

        public void Add(ElementInit initializer) => Add(Method, 0, initializer.AddMethod);

        /// <summary>Where a value was taken out: its type is its node's, already added.</summary>
        public void AddValue() => Add(Value, 0, null);

        /// <summary>The template so far, over the builder's array: to look one up with, until the builder is disposed.</summary>
        public QueryTemplate Probe() => new(_parts, _count, _hash);

        /// <summary>The template, on its own: to keep.</summary>
        public QueryTemplate Build() => new(_parts[.._count], _count, _hash);

        public void Dispose()
        {
            if (_parts.Length <= 4096) _spare = _parts; // a giant query's array is not kept
            _parts = [];
        }

        private void Add(int kind, int number, object? reference)
        {
            if (_count == _parts.Length) Array.Resize(ref _parts, _count * 2);
            _parts[_count++] = new Part(kind, number, reference);
            _hash = HashCode.Combine(_hash, kind, number, reference);
        }
    }
}
