using System.Linq.Expressions;

namespace ElectionGraph.Storage.Embedded;

/// <summary>
/// A query with its values taken out: equal for queries that differ only in values (the snapshot, an election,
/// a filter's value, a cursor). Compared and hashed part by part (each node's kind and type, the methods and
/// members it names, where a value was), so finding a compiled query never prints or rebuilds its expression.
/// </summary>
internal sealed class QueryTemplate : IEquatable<QueryTemplate>
{
    private readonly (int Kind, object? Part)[] _parts;
    private readonly int _hash;

    private QueryTemplate((int, object?)[] parts, int hash) => (_parts, _hash) = (parts, hash);

    public bool Equals(QueryTemplate? other) =>
        other is not null && _hash == other._hash && _parts.AsSpan().SequenceEqual(other._parts);

    public override bool Equals(object? obj) => Equals(obj as QueryTemplate);

    public override int GetHashCode() => _hash;

    /// <summary>Records a query's parts in the order an <see cref="ExpressionVisitor"/> visits them.</summary>
    public sealed class Builder
    {
        // Kinds of part beside the node types (which are 0 and up).
        private const int Null = -1, Method = -2, Member = -3, Parameter = -4, Value = -5, Lifted = -6, Binding = -7, Printed = -8, Result = -9;

        private readonly List<(int, object?)> _parts = [];
        private readonly Dictionary<ParameterExpression, int> _parameters = [];
        private int _hash;

        public Builder(Type result) => Add(Result, result);

        public void Add(Expression? node)
        {
            if (node is null)
            {
                Add(Null, null);
                return;
            }

            Add((int)node.NodeType, node.Type);
            switch (node)
            {
                case MethodCallExpression call: Add(Method, call.Method); break;
                case UnaryExpression unary: Add(Method, unary.Method); break;
                case BinaryExpression binary:
                    Add(Method, binary.Method);
                    Add(Lifted, binary.IsLiftedToNull);
                    break;
                case TypeBinaryExpression test: Add(Member, test.TypeOperand); break;
                case NewExpression construct:
                    Add(Method, construct.Constructor);
                    foreach (var member in construct.Members ?? []) Add(Member, member);
                    break;
                case IndexExpression index: Add(Member, index.Indexer); break;
                case MemberExpression member: Add(Member, member.Member); break;
                // Their parts are their children, visited next, or come through the other Adds.
                case ParameterExpression or ConstantExpression or LambdaExpression or ConditionalExpression or NewArrayExpression
                    or InvocationExpression or MemberInitExpression or ListInitExpression or DefaultExpression:
                    break;
                default: Add(Printed, node.ToString()); break; // blocks, loops and the like, which queries do not hold
            }
        }

        /// <summary>A parameter by the order it first appears in: two queries' own parameters are never the same objects.</summary>
        public void Add(ParameterExpression parameter)
        {
            if (!_parameters.TryGetValue(parameter, out var number)) _parameters[parameter] = number = _parameters.Count;
            Add(Parameter, number);
        }

        public void Add(MemberBinding binding) => Add(Binding, (binding.Member, binding.BindingType));

        public void Add(ElementInit initializer) => Add(Method, initializer.AddMethod);

        /// <summary>Where a value was taken out: its type is its node's, already added.</summary>
        public void AddValue() => Add(Value, null);

        public QueryTemplate Build() => new([.. _parts], _hash);

        private void Add(int kind, object? part)
        {
            _parts.Add((kind, part));
            _hash = HashCode.Combine(_hash, kind, part);
        }
    }
}
