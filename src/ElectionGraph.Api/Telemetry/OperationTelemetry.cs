using System.Diagnostics;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Transport;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;

namespace ElectionGraph.Api.Telemetry;

/// <summary>
/// Every GraphQL operation, on every transport, into <see cref="Instruments"/>: its time (the outermost step, so the
/// document cache, the limits and the response cache are inside it), type, name and outcome, what it was charged,
/// and, for the desk's mutations, each declaration's outcome; and its span (<see cref="OperationSpans"/>). An
/// operation refused or failed is also one log line with its code (the request id, and the trace id of a traced
/// request, are the logging scope's; no variable, no key).
/// </summary>
public sealed class OperationTelemetry(Instruments instruments, OperationSpans spans, PersistedQueries persisted, ILogger<OperationTelemetry> logger) : IConfigureExecution
{
    /// <summary>Codes of the server's own failures, logged as warnings; every other code is the request's doing.</summary>
    private static readonly HashSet<string> ServerFailures = [StoreUnavailable.Code, "INTERNAL_SERVER_ERROR", OperationDeadline.Code];

    public float SortOrder => -100;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = OperationSpans.Start();
        var result = await next(options);
        var outcome = result.Errors is [var first, ..] ? first.Code ?? "ERROR" : Instruments.Ok;
        var operation = ParsedDocument.Select(options.Document, options.OperationName);
        var type = operation?.Operation switch
        {
            OperationType.Query => "query",
            OperationType.Mutation => "mutation",
            OperationType.Subscription => "subscription",
            _ => "unknown",
        };
        instruments.Operation(type, Name(options, operation), outcome, Partner(options), Stopwatch.GetElapsedTime(started));
        var serverFailure = ServerFailures.Contains(outcome);
        if (span is not null) spans.Describe(span, options, operation, type, outcome, serverFailure);
        if (outcome != Instruments.Ok)
        {
            logger.Log(serverFailure ? LogLevel.Warning : LogLevel.Information,
                "The {OperationType} operation {OperationName} was answered {Code}", type, operation?.Name?.StringValue ?? "(anonymous)", outcome);
        }

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

    /// <summary>The caller's key by its name (given by whoever issued it; never the key itself), else anonymous: as few values as there are keys.</summary>
    private static string Partner(ExecutionOptions options) => options.User?.Identity is KeyIdentity key ? key.Key.Name : Instruments.Anonymous;

    /// <summary>The operation's name when the server knows the operation (it is registered), so the label stays bounded.</summary>
    private string Name(ExecutionOptions options, GraphQLOperationDefinition? operation) =>
        operation?.Name is { } name && options.Query is { } query && persisted.IsRegistered(query) ? name.StringValue : Instruments.Other;
}
