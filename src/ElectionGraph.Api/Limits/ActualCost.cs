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

    private static long Fields(ExecutionNode[] fields, Inputs variables) =>
        fields.Aggregate(0L, (sum, field) => Sum(sum, Sum(OfField(field.FieldDefinition, field.Field, variables), Value(field, variables))));

    private static long Value(ExecutionNode node, Inputs variables) => node switch
    {
        ArrayExecutionNode { Items: { } items } => items.Aggregate(0L, (sum, item) => Sum(sum, Value(item, variables))),
        ObjectExecutionNode { Result: not null, SubFields: { } fields } => Sum(1, Fields(fields, variables)),
        _ => 0,
    };
}
