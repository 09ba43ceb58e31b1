using System.Collections;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ElectionGraph.Api.Limits;

/// <summary>The arithmetic of cost points, shared by the estimate before an operation runs and the count on its answer.</summary>
public static class Points
{
    /// <summary>A non-negative sum that stops at <see cref="long.MaxValue"/>: a fragment bomb's numbers are astronomical.</summary>
    public static long Sum(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <inheritdoc cref="Sum"/>
    public static long Product(long a, long b) => b != 0 && a > long.MaxValue / b ? long.MaxValue : a * b;

    /// <summary>
    /// A field's own points: its store work (a lookup for each document it looks up by id), and one for each value
    /// its arguments hold inside input objects and lists (a filter's size).
    /// </summary>
    public static long OfField(FieldType? definition, GraphQLField field, Inputs variables)
    {
        var work = Sum(FieldCost.PointsOf(definition), Product(FieldCost.Lookup, LookedUp(definition, field, variables)));
        // A loop, not Aggregate: this runs for every field of every answer, and a capturing lambda is an allocation.
        if (field.Arguments is { } arguments)
            foreach (var argument in arguments.Items) work = Sum(work, Structured(argument.Value, variables));
        return work;
    }

    /// <summary>How many documents a field declared with <see cref="FieldCost.LooksUpEach"/> looks up: none for any other field.</summary>
    public static long LookedUp(FieldType? definition, GraphQLField field, Inputs variables)
    {
        if (FieldCost.LookupsOf(definition) is not { } lookups) return 0;
        var count = field.Arguments?.ValueFor(lookups.Argument) switch
        {
            null or GraphQLNullValue => 0,
            GraphQLListValue list => list.Values?.Count ?? 0,
            GraphQLVariable variable => Variable(variable, variables) switch
            {
                null => 0,
                IEnumerable given and not string => given.Cast<object?>().LongCount(),
                _ => 1,
            },
            _ => 1, // a single value stands for a list of one
        };
        // Past the maximum the field refuses with its own code; the cost should not preempt it.
        return Math.Min(count, lookups.Max);
    }

    /// <summary>An integer argument as given, literally or in a variable; null when it is not one.</summary>
    public static long? Integer(GraphQLValue? value, Inputs variables) => value switch
    {
        GraphQLIntValue literal when long.TryParse(literal.Value.Span, out var number) => number,
        GraphQLVariable variable => Variable(variable, variables) switch
        {
            int number => number,
            long number => number,
            _ => null,
        },
        _ => null,
    };

    /// <summary>A plain scalar argument (an id, a page size) costs nothing.</summary>
    private static long Structured(GraphQLValue value, Inputs variables) => value switch
    {
        GraphQLObjectValue or GraphQLListValue => Values(value, variables),
        GraphQLVariable variable when Variable(variable, variables) is IEnumerable given and not string => Values(given),
        _ => 0,
    };

    private static long Values(GraphQLValue value, Inputs variables) => value switch
    {
        GraphQLObjectValue input => input.Fields?.Aggregate(0L, (sum, f) => Sum(sum, Values(f.Value, variables))) ?? 0,
        GraphQLListValue list => list.Values?.Aggregate(0L, (sum, v) => Sum(sum, Values(v, variables))) ?? 0,
        GraphQLVariable variable => Values(Variable(variable, variables)),
        GraphQLNullValue => 0,
        _ => 1,
    };

    private static long Values(object? value) => value switch
    {
        null => 0,
        string => 1,
        IDictionary<string, object?> input => input.Values.Aggregate(0L, (sum, v) => Sum(sum, Values(v))),
        IEnumerable list => list.Cast<object?>().Aggregate(0L, (sum, v) => Sum(sum, Values(v))),
        _ => 1,
    };

    private static object? Variable(GraphQLVariable variable, Inputs variables) =>
        variables.TryGetValue(variable.Name.StringValue, out var value) ? value : null;
}
