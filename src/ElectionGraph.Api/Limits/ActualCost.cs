using GraphQL;
using GraphQL.Execution;
using static ElectionGraph.Api.Limits.Points;

namespace ElectionGraph.Api.Limits;

/// <summary>
/// The cost measure applied to an answer instead of a document: every object in it a point, each field its
/// own points, and lists their real items rather than the page asked for. One walk of the answer, cheaper
/// than writing it.
/// </summary>
public static class ActualCost
{
    public static long Of(ExecutionResult result, Inputs variables) => result.Data switch
    {
        ObjectExecutionNode { SubFields: { } fields } => Fields(fields, variables),
        Transport.SerializedData written => written.ActualCost, // counted on the tree before it was written
        _ => 0,
    };

    // Loops rather than Aggregate: a lambda capturing the variables would be an allocation for every node of every answer.
    private static long Fields(ExecutionNode[] fields, Inputs variables)
    {
        var sum = 0L;
        foreach (var field in fields) sum = Sum(sum, Sum(OfField(field.FieldDefinition, field.Field, variables), Value(field, variables)));
        return sum;
    }

    private static long Value(ExecutionNode node, Inputs variables)
    {
        switch (node)
        {
            case ArrayExecutionNode { SerializedResult: Execution.WrittenList written }:
                return written.ActualCost; // counted as it was written
            case ArrayExecutionNode { Items: { } items }:
                var sum = 0L;
                foreach (var item in items) sum = Sum(sum, Value(item, variables));
                return sum;
            case ObjectExecutionNode { Result: not null, SubFields: { } fields }:
                return Sum(1, Fields(fields, variables));
            default:
                return 0;
        }
    }
}
