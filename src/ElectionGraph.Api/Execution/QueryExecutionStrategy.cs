using System.Buffers;
using System.Collections;
using System.Text.Json;
using GraphQL.Execution;
using GraphQL.Types;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace ElectionGraph.Api.Execution;

/// <summary>
/// How queries run. Serially: their fields resolve in memory or through batch loaders, so running them in parallel
/// bought nothing but tasks, locks and thread hops (bench/README.md, "HTTP load"). And a list whose items
/// only read properties (<see cref="PropertySelection"/>) is written to JSON as it is read, rather than becoming
/// an execution node for every field of every item: the results map is 259 results of about 34 fields each.
/// </summary>
public sealed class QueryExecutionStrategy : SerialExecutionStrategy
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? _itemBuffer;

    protected override Task SetArrayItemNodesAsync(ExecutionContext context, ArrayExecutionNode parent) =>
        TryWrite(context, parent) is { } written
            ? SetWritten(parent, written)
            : base.SetArrayItemNodesAsync(context, parent);

    private static Task SetWritten(ArrayExecutionNode parent, WrittenList written)
    {
        parent.SerializedResult = written;
        return Task.CompletedTask;
    }

    private static WrittenList? TryWrite(ExecutionContext context, ArrayExecutionNode parent)
    {
        var itemType = ((ListGraphType)parent.GraphType!).ResolvedType;
        var nonNull = itemType is NonNullGraphType;
        if ((nonNull ? ((NonNullGraphType)itemType!).ResolvedType : itemType) is not IObjectGraphType objectType
            || parent.Result is not IEnumerable list || list is string
            || PropertySelection.Of(context.Schema, objectType, parent.Field?.SelectionSet) is not { } selection)
            return null;

        // One item at a time, each then copied out: the buffer grows to the largest item, not the largest list.
        var buffer = _itemBuffer ??= new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, AnswerJson.WriterOptions);
        var reading = new Reading(context.RequestServices, context.UserContext);
        var items = new List<WrittenList.Item>((list as ICollection)?.Count ?? 0);
        var cost = 0L;
        foreach (var item in list)
        {
            buffer.ResetWrittenCount();
            writer.Reset();
            if (item is not null)
            {
                if (!selection.TryWrite(writer, item, reading, ref cost)) return null;
            }
            else if (nonNull) return null;
            else writer.WriteNullValue();

            writer.Flush();
            items.Add(new WrittenList.Item(buffer.WrittenSpan.ToArray()));
        }

        return new WrittenList(items, cost);
    }
}
