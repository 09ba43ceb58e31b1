using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Limits;

/// <summary>
/// Holds every operation to the limits, whatever its transport: measured before GraphQL.NET validates it
/// (refused at once if past a limit), charged to its caller's budget, stopped at the time limit (its token
/// reaches every resolver and store query), its errors capped, and its cost reported in
/// <c>extensions.cost</c>.
/// </summary>
public sealed class OperationLimits(OperationAnalyser analyser, ICostBudget budget, IOptions<LimitsOptions> options) : IConfigureExecution
{
    public const string Extension = "cost";

    private readonly LimitsOptions _limits = options.Value;

    /// <summary>Inside <see cref="Transport.DocumentCache"/> (200), which has parsed the document by now.</summary>
    public float SortOrder => 300;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not { } document) return await next(options);
        var variables = options.Variables ?? Inputs.Empty;
        var analysis = analyser.Analyse(document, options.OperationName, variables);
        if (analysis.Operation is null) return await next(options);

        var cost = new OperationCost(analysis.Cost);
        if (analysis.Refusals.Count > 0)
        {
            budget.Forfeit(cost, options);
            return Answer(new ExecutionResult { Errors = [.. analysis.Refusals] }, cost);
        }

        if (await budget.ChargeAsync(cost, options) is { } refused) return Answer(new ExecutionResult { Errors = [refused] }, cost);

        // Only queries are stopped at the time limit. A subscription's stream outlives this call (only the events
        // it sends are its work); a mutation is the desk's, and stopping one after its write was stored would
        // answer an error for a declaration that was accepted.
        var result = analysis.Operation.Operation == OperationType.Query ? await WithinTimeAsync(options, next) : await next(options);
        cost.Actual = result is null ? cost.Requested : ActualCost.Of(result, variables);
        budget.Settle(cost, options);
        return Answer(result ?? new ExecutionResult
        {
            Errors = [new ExecutionError($"The operation ran for longer than {_limits.OperationTimeoutSeconds} s and was stopped; ask for less.") { Code = "OPERATION_TIMEOUT" }],
        }, cost);
    }

    /// <returns>The result, or null when the time limit stopped it.</returns>
    private async Task<ExecutionResult?> WithinTimeAsync(ExecutionOptions options, ExecutionDelegate next)
    {
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
            return null;
        }
        finally
        {
            options.CancellationToken = caller;
        }
    }

    private ExecutionResult Answer(ExecutionResult result, OperationCost cost)
    {
        if (result.Errors is { } errors && errors.Count > _limits.MaxErrors)
        {
            var left = errors.Count - _limits.MaxErrors;
            result.Errors = [.. errors.Take(_limits.MaxErrors), new LimitError("TOO_MANY_ERRORS",
                $"{left} more errors were left out; at most {_limits.MaxErrors} are reported.", _limits.MaxErrors, "omitted", left)];
        }

        result.Extensions ??= [];
        result.Extensions[Extension] = cost;
        return result;
    }
}
