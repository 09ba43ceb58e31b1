using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Limits;

/// <summary>
/// Stops a query at the time limit: its token, cancelled at the deadline, reaches every resolver and store query.
/// Inside <see cref="Transport.ResponseCache"/> (350): a kept answer does not run, so nothing is timed for it.
/// </summary>
public sealed class OperationDeadline(IOptions<LimitsOptions> options) : IConfigureExecution
{
    public const string Code = "OPERATION_TIMEOUT";

    private readonly LimitsOptions _limits = options.Value;

    public float SortOrder => 400;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        // Only queries. A subscription's stream outlives this call (only the events it sends are its work); a
        // mutation is the desk's, and stopping one after its write was stored would answer an error for a
        // declaration that was accepted.
        if (ParsedDocument.Select(options.Document, options.OperationName)?.Operation != OperationType.Query) return await next(options);

        var caller = options.CancellationToken;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(caller);
        deadline.CancelAfter(TimeSpan.FromSeconds(_limits.OperationTimeoutSeconds));
        options.CancellationToken = deadline.Token;
        try
        {
            return await next(options);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            return new ExecutionResult
            {
                Errors = [new ExecutionError($"The operation ran for longer than {_limits.OperationTimeoutSeconds} s and was stopped; ask for less.") { Code = Code }],
            };
        }
        finally
        {
            options.CancellationToken = caller;
        }
    }
}
