using GraphQL;
using GraphQL.DI;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Limits;

/// <summary>
/// Holds every operation to the limits, whatever its transport: measured before GraphQL.NET validates it
/// (refused at once if past a limit), charged to its caller's budget, its errors capped, and its cost reported in
/// <c>extensions.cost</c>. A query that runs is stopped at the time limit by <see cref="OperationDeadline"/>.
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

        var result = await next(options);
        // A query stopped at its deadline (OperationDeadline) is charged what it asked for: it ran until then.
        cost.Actual = result.Errors is [{ Code: OperationDeadline.Code }] ? cost.Requested : ActualCost.Of(result, variables);
        budget.Settle(cost, options);
        return Answer(result, cost);
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
