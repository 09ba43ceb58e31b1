using System.Threading.RateLimiting;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Security;
using GraphQL;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Budgets;

/// <summary>
/// Each caller's budget of cost points: a token bucket holding a minute's worth that refills every second
/// (ASP.NET Core's token bucket limiter, partitioned by caller). An operation is charged what it requested,
/// before it runs, as GitHub's API does; its answer reports what is left in <c>extensions.cost.budget</c>.
/// </summary>
public sealed class CostBudgets(IOptions<BudgetOptions> options) : ICostBudget, IDisposable
{
    public const string RateLimited = "RATE_LIMITED";

    private readonly PartitionedRateLimiter<Caller> _buckets = PartitionedRateLimiter.Create<Caller, string>(caller =>
        RateLimitPartition.GetTokenBucketLimiter(caller.Partition, _ => Refill.PerMinute(options.Value.Of(caller).CostPerMinute)));

    public ValueTask<ExecutionError?> ChargeAsync(OperationCost cost, ExecutionOptions execution)
    {
        // Executions without a caller are the server's own (commands, benchmarks).
        if (execution.User is not { } user) return default;
        var caller = Caller.Of(user);
        var perMinute = Math.Max(1, options.Value.Of(caller).CostPerMinute);
        if (cost.Requested > perMinute)
        {
            cost.Budget = Left(caller, perMinute);
            return new(new LimitError("QUERY_TOO_COSTLY",
                $"This operation costs {cost.Requested} points, more than your budget holds ({perMinute}): ask for less.", perMinute, "cost", cost.Requested));
        }

        if (cost.Requested == 0) return default;
        using var lease = _buckets.AttemptAcquire(caller, (int)cost.Requested);
        cost.Budget = Left(caller, perMinute);
        if (lease.IsAcquired) return default;
        var wait = RetryAfter(cost.Requested - cost.Budget.Remaining, perMinute);
        return new(new ExecutionError($"Over your budget: this operation costs {cost.Requested} points and {cost.Budget.Remaining} are left. Try again in {wait} s.")
        {
            Code = RateLimited,
            Extensions = new Dictionary<string, object?> { ["retryAfter"] = wait },
        });
    }

    public void Settle(OperationCost cost, ExecutionOptions execution)
    {
        if (execution.User is { } user && cost.Budget is null)
        {
            var caller = Caller.Of(user);
            cost.Budget = Left(caller, Math.Max(1, options.Value.Of(caller).CostPerMinute));
        }
    }

    /// <summary>Seconds until a deficit of points is restored.</summary>
    private static int RetryAfter(long deficit, int perMinute) => (int)Math.Max(1, Math.Ceiling(deficit / Refill.PerSecond(perMinute)));

    private CostBudget Left(Caller caller, int perMinute) =>
        new(_buckets.GetStatistics(caller)?.CurrentAvailablePermits ?? perMinute, perMinute, Refill.PerSecond(perMinute));

    public void Dispose() => _buckets.Dispose();
}
