using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ElectionGraph.Api.Conventions.Paging;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using static ElectionGraph.Api.Limits.Points;

namespace ElectionGraph.Api.Limits;

/// <summary>An operation measured before it runs: its cost in points, and the limits it is past (none: it may run).</summary>
/// <param name="Operation">The operation the request selects; null when there is none (the executer says why).</param>
public sealed record OperationAnalysis(GraphQLOperationDefinition? Operation, long Cost, IReadOnlyList<ExecutionError> Refusals);

/// <summary>
/// Measures a document before GraphQL.NET validates it, because validation follows every fragment spread
/// and a few kilobytes of fragments spreading each other twice over would keep it busy for ever. One pass,
/// linear in the document: each fragment is measured once, after the fragments it spreads, and its numbers
/// are added at each spread; a fragment that spreads itself is refused. Depth, fields, aliases and
/// directives are counted as if the fragments were written out, for every operation and fragment in the
/// document (validation walks them all); the cost is the selected operation's, with the request's variables.
/// </summary>
public sealed class OperationAnalyser(ISchema schema, IOptions<LimitsOptions> options)
{
    /// <summary>
    /// Measures of operations asked without variables, which come out the same every time: kept with their document
    /// (which <see cref="Transport.DocumentCache"/> keeps, and drops), per operation. Refused ones are measured again.
    /// </summary>
    private readonly ConditionalWeakTable<GraphQLDocument, ConcurrentDictionary<GraphQLOperationDefinition, OperationAnalysis>> _kept = new();

    public OperationAnalysis Analyse(GraphQLDocument document, string? operationName, Inputs? variables)
    {
        var selected = ParsedDocument.Select(document, operationName);
        if (selected is null) return new OperationAnalysis(null, 0, []);
        if (variables is { Count: > 0 }) return Measure(document, selected, variables);

        var kept = _kept.GetValue(document, static _ => new());
        if (kept.TryGetValue(selected, out var analysis)) return analysis;
        analysis = Measure(document, selected, Inputs.Empty);
        if (analysis.Refusals.Count == 0) kept.TryAdd(selected, analysis);
        return analysis;
    }

    private OperationAnalysis Measure(GraphQLDocument document, GraphQLOperationDefinition selected, Inputs variables)
    {
        if (!schema.Initialized) schema.Initialize();

        var walk = new Walk(schema, document, variables);
        if (walk.Cycle is { } fragment)
            return new OperationAnalysis(selected, 0,
                [new ExecutionError($"Cannot spread fragment '{fragment}' within itself.") { Code = "NO_FRAGMENT_CYCLES" }]);

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToDictionary(o => o, walk.Measure);
        var all = operations.Values.Concat(walk.Fragments).ToList();
        var cost = operations[selected].Cost;
        var limits = options.Value;
        return new OperationAnalysis(selected, cost, new[]
        {
            Past("QUERY_TOO_DEEP", all.Max(t => (long)t.Depth), limits.MaxDepth, "depth", "Fields nest {0} deep, counting through fragments"),
            Past("TOO_MANY_SELECTIONS", all.Max(t => t.Selections), limits.MaxSelections, "selections", "{0} fields are selected once fragments are spread"),
            Past("TOO_MANY_ALIASES", all.Max(t => t.Aliases), limits.MaxAliases, "aliases", "{0} fields are aliased once fragments are spread"),
            Past("TOO_MANY_DIRECTIVES", all.Max(t => t.Directives), limits.MaxDirectives, "directives", "{0} directives are used once fragments are spread"),
            Past("QUERY_TOO_COSTLY", cost, limits.MaxOperationCost, "cost", "The operation costs {0} points",
                " Ask for smaller pages (first/last) or fewer fields, or split it."),
        }.OfType<ExecutionError>().ToList());
    }

    private static LimitError? Past(string code, long value, long maximum, string measure, string found, string advice = "") =>
        value <= maximum ? null : new LimitError(code, $"{string.Format(found, value)}; at most {maximum} are accepted.{advice}", maximum, measure, value);

    /// <summary>What a selection set comes to with its fragments spread; <see cref="PageItems"/> is the cost of one item of a page.</summary>
    private readonly record struct Tally(long Selections, long Aliases, long Directives, int Depth, long Cost, long PageItems)
    {
        public static Tally operator +(Tally a, Tally b) => new(
            Sum(a.Selections, b.Selections), Sum(a.Aliases, b.Aliases), Sum(a.Directives, b.Directives),
            Math.Max(a.Depth, b.Depth), Sum(a.Cost, b.Cost), Sum(a.PageItems, b.PageItems));

        public static Tally OfDirectives(GraphQLDirectives? directives) => new(0, 0, directives?.Count ?? 0, 0, 0, 0);

        /// <summary>Spread inside fields <paramref name="levels"/> deep.</summary>
        public Tally Below(int levels) => Depth == 0 ? this : this with { Depth = Depth + levels };
    }

    private sealed class Walk
    {
        private readonly ISchema _schema;
        private readonly Inputs _variables;
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Tally> _measured = new(StringComparer.Ordinal);

        public Walk(ISchema schema, GraphQLDocument document, Inputs variables)
        {
            _schema = schema;
            _variables = variables;
            foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>()) _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
            Cycle = MeasureFragments();
        }

        /// <summary>A fragment that spreads itself, directly or through others; null when there is none.</summary>
        public string? Cycle { get; }

        public IEnumerable<Tally> Fragments => _measured.Values;

        public Tally Measure(GraphQLOperationDefinition operation)
        {
            var root = operation.Operation switch
            {
                OperationType.Mutation => _schema.Mutation,
                OperationType.Subscription => _schema.Subscription,
                _ => _schema.Query,
            };
            var variables = operation.Variables?.Aggregate(default(Tally), (tally, v) => tally + Tally.OfDirectives(v.Directives)) ?? default;
            return Tally.OfDirectives(operation.Directives) + variables + Selections(operation.SelectionSet, root, depth: 1);
        }

        /// <summary>
        /// Measures every fragment after the fragments it spreads (a depth-first walk of the spreads with an
        /// explicit stack: a chain of thousands of fragments must not overflow the thread's).
        /// </summary>
        private string? MeasureFragments()
        {
            var done = new Dictionary<string, bool>(StringComparer.Ordinal); // false while its spreads are being measured
            foreach (var start in _fragments.Keys)
            {
                if (done.ContainsKey(start)) continue;
                var stack = new Stack<(string Name, Queue<string> Spreads)>();
                done[start] = false;
                stack.Push((start, Spreads(_fragments[start].SelectionSet)));
                while (stack.Count > 0)
                {
                    var (name, spreads) = stack.Peek();
                    if (spreads.TryDequeue(out var next))
                    {
                        if (!_fragments.TryGetValue(next, out var fragment)) continue; // unknown: validation says so
                        if (!done.TryGetValue(next, out var finished))
                        {
                            done[next] = false;
                            stack.Push((next, Spreads(fragment.SelectionSet)));
                        }
                        else if (!finished) return next;

                        continue;
                    }

                    stack.Pop();
                    done[name] = true;
                    var definition = _fragments[name];
                    _measured[name] = Tally.OfDirectives(definition.Directives)
                                      + Selections(definition.SelectionSet, Type(definition.TypeCondition.Type.Name), depth: 1);
                }
            }

            return null;
        }

        private static Queue<string> Spreads(GraphQLSelectionSet set)
        {
            var names = new Queue<string>();
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLFragmentSpread spread:
                        names.Enqueue(spread.FragmentName.Name.StringValue);
                        break;
                    case GraphQLField { SelectionSet: { } inner }:
                        foreach (var name in Spreads(inner)) names.Enqueue(name);
                        break;
                    case GraphQLInlineFragment inline:
                        foreach (var name in Spreads(inline.SelectionSet)) names.Enqueue(name);
                        break;
                }
            }

            return names;
        }

        /// <param name="depth">How deep the fields of this set are (1: the operation's or fragment's own).</param>
        private Tally Selections(GraphQLSelectionSet set, IGraphType? type, int depth)
        {
            var tally = default(Tally);
            foreach (var selection in set.Selections)
            {
                tally += selection switch
                {
                    GraphQLField field => Field(field, type as IComplexGraphType, depth),
                    GraphQLInlineFragment inline => Tally.OfDirectives(inline.Directives)
                                                    + Selections(inline.SelectionSet, inline.TypeCondition is { } on ? Type(on.Type.Name) : type, depth),
                    GraphQLFragmentSpread spread => Tally.OfDirectives(spread.Directives)
                                                    + (_measured.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) ? fragment.Below(depth - 1) : default),
                    _ => default,
                };
            }

            return tally;
        }

        private Tally Field(GraphQLField field, IComplexGraphType? parent, int depth)
        {
            var definition = Definition(parent, field.Name.StringValue);
            var tally = new Tally(1, field.Alias is null ? 0 : 1, field.Directives?.Count ?? 0, depth, 0, 0);
            long each = 0; // one object (or item) of the field's type, with what is selected on it
            if (field.SelectionSet is { } selections)
            {
                var inner = Selections(selections, definition?.ResolvedType?.GetNamedType(), depth + 1);
                tally += inner with { Cost = 0, PageItems = 0 };
                each = Sum(1, Sum(inner.Cost, Product(inner.PageItems, PageSize(field))));
            }

            var points = Points.OfField(definition, field, _variables);
            if (!IsList(definition?.ResolvedType)) return tally with { Cost = Sum(points, each) };
            if (FieldCost.HoldsPageItems(definition)) return tally with { PageItems = Sum(points, each) };
            var items = FieldCost.LookupsOf(definition) is null ? FieldCost.ItemsOf(definition) : Points.LookedUp(definition, field, _variables);
            return tally with { Cost = Sum(points, Product(items, each)) };
        }

        private FieldType? Definition(IComplexGraphType? parent, string name) => name switch
        {
            "__typename" => _schema.TypeNameMetaFieldType,
            "__schema" when parent == _schema.Query => _schema.SchemaMetaFieldType,
            "__type" when parent == _schema.Query => _schema.TypeMetaFieldType,
            _ => parent?.GetField(name),
        };

        private IGraphType? Type(GraphQLName name) => _schema.AllTypes[name.StringValue];

        private static bool IsList(IGraphType? type) => (type is NonNullGraphType nonNull ? nonNull.ResolvedType : type) is ListGraphType;

        /// <summary>The items a connection field asks for: first or last (variables included), else the default page.</summary>
        private long PageSize(GraphQLField field)
        {
            var size = Points.Integer(field.Arguments?.ValueFor("first"), _variables)
                       ?? Points.Integer(field.Arguments?.ValueFor("last"), _variables) ?? PageRequest.DefaultSize;
            // Past the maximum the field refuses with its own code (PAGE_SIZE_TOO_LARGE); the cost should not preempt it.
            return Math.Clamp(size, 0, PageRequest.MaxSize);
        }
    }
}
