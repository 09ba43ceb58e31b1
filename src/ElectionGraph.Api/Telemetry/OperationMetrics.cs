using System.Diagnostics;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Transport;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;

namespace ElectionGraph.Api.Telemetry;

/// <summary>
/// Every GraphQL operation, on every transport, into <see cref="Instruments"/>: its time (the outermost step, so the
/// document cache, the limits and the response cache are inside it), type, name and outcome, what it was charged,
/// and, for the desk's mutations, each declaration's outcome.
/// </summary>
public sealed class OperationMetrics(Instruments instruments, PersistedQueries persisted) : IConfigureExecution
{
    public float SortOrder => -100;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await next(options);
        var outcome = result.Errors is [var first, ..] ? first.Code ?? "ERROR" : Instruments.Ok;
        var operation = ParsedDocument.Select(options.Document, options.OperationName);
        var type = operation?.Operation.ToString().ToLowerInvariant() ?? "unknown";
        instruments.Operation(type, Name(options, operation), outcome, Stopwatch.GetElapsedTime(started));
        if (result.Extensions?.GetValueOrDefault(OperationLimits.Extension) is OperationCost { Requested: > 0 } cost && result.Executed) instruments.Cost(cost.Requested);
        if (operation?.Operation == OperationType.Mutation && result.Executed)
        {
            foreach (var field in operation.SelectionSet.Selections.OfType<GraphQLField>().Select(f => f.Name.StringValue).Where(IsDeclaration))
                instruments.Declaration(field, outcome);
        }

        return result;
    }

    /// <summary>The desk's mutations (declareCouncilResult, correctCouncilResult, declareMayoralResult), not the keys'.</summary>
    private static bool IsDeclaration(string field) => field.StartsWith("declare", StringComparison.Ordinal) || field.StartsWith("correct", StringComparison.Ordinal);

    /// <summary>The operation's name when the server knows the operation (it is registered), so the label stays bounded.</summary>
    private string Name(ExecutionOptions options, GraphQLOperationDefinition? operation) =>
        operation?.Name is { } name && options.Query is { } query && persisted.IsRegistered(query) ? name.StringValue : Instruments.Other;
}
