using System.Globalization;
using System.Threading.RateLimiting;
using ElectionGraph.Api.Limits;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Transport;
using GraphQL;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Budgets;

/// <summary>
/// Each caller's budget of cost points: a token bucket holding a minute's worth that refills every second
/// (ASP.NET Core's token bucket limiter, partitioned by caller). An operation is charged what it requested,
/// before it runs, as GitHub's API does; one the limits refuse is charged a share of the budget
/// (<see cref="BudgetOptions.RefusedShare"/>), so a caller sending what can never run soon meets
/// <see cref="UseSpentBudgets"/>. Answers report what is left in
/// <c>extensions.cost.budget</c>.
/// </summary>
public sealed class CostBudgets(IOptions<BudgetOptions> options) : ICostBudget, IDisposable
{
    public const string RateLimited = "RATE_LIMITED";

    private readonly PartitionedRateLimiter<Caller> _buckets = PartitionedRateLimiter.Create<Caller, string>(caller =>
    {
        var perMinute = options.Value.Of(caller).CostPerMinute;
        return RateLimitPartition.GetTokenBucketLimiter(caller.Partition, _ => Refill.PerMinute(perMinute, holds: perMinute));
    });

    public ValueTask<ExecutionError?> ChargeAsync(OperationCost cost, ExecutionOptions execution)
    {
        // Executions without a caller are the server's own (commands, benchmarks).
        if (execution.User is not { } user) return default;
        var caller = Caller.Of(user);
        var perMinute = PerMinute(caller);
        if (cost.Requested > perMinute)
        {
            Drain(caller, Forfeited(cost, perMinute));
            cost.Budget = Left(caller, perMinute);
            return new(new LimitError("QUERY_TOO_COSTLY",
                $"This operation costs {cost.Requested} points, more than your budget holds ({perMinute}): ask for less.", perMinute, "cost", cost.Requested));
        }

        if (cost.Requested == 0) return default;
        using var lease = _buckets.AttemptAcquire(caller, (int)cost.Requested);
        cost.Budget = Left(caller, perMinute);
        if (lease.IsAcquired) return default;
        var wait = RetryAfter(cost.Requested - cost.Budget.Remaining, perMinute);
        return new(Limited($"Over your budget: this operation costs {cost.Requested} points and {cost.Budget.Remaining} are left. Try again in {wait} s.", wait));
    }

    public void Settle(OperationCost cost, ExecutionOptions execution)
    {
        if (execution.User is { } user && cost.Budget is null)
        {
            var caller = Caller.Of(user);
            cost.Budget = Left(caller, PerMinute(caller));
        }
    }

    public void Forfeit(OperationCost cost, ExecutionOptions execution)
    {
        if (execution.User is not { } user) return;
        var caller = Caller.Of(user);
        var perMinute = PerMinute(caller);
        Drain(caller, Forfeited(cost, perMinute));
        cost.Budget = Left(caller, perMinute);
    }

    private long Forfeited(OperationCost cost, int perMinute) => Math.Min(cost.Requested, (long)Math.Ceiling(perMinute * options.Value.RefusedShare));

    /// <summary>
    /// Takes the points of work as it is done (a download's rows, a page at a time). When the budget runs dry it
    /// waits for the budget to refill rather than refusing, so a download larger than the budget goes on, whole,
    /// at the pace the caller's budget allows.
    /// </summary>
    public async Task SpendAsync(Caller caller, long points, CancellationToken cancellationToken)
    {
        var perMinute = PerMinute(caller);
        while (points > 0)
        {
            var left = _buckets.GetStatistics(caller)?.CurrentAvailablePermits ?? perMinute;
            if (left <= 0)
            {
                await Task.Delay(Refill.Period(perMinute), cancellationToken);
                continue;
            }

            var taken = (int)Math.Min(points, left);
            using var lease = _buckets.AttemptAcquire(caller, taken);
            if (lease.IsAcquired) points -= taken;
        }
    }

    /// <summary>
    /// A caller whose points are all spent is refused before its request is even read (429, <c>RATE_LIMITED</c>).
    /// Only POSTs: a GET's document is small (it is in the URL), and its answer may well be a 304 that costs nothing.
    /// </summary>
    public static IApplicationBuilder UseSpentBudgets(IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (HttpMethods.IsPost(http.Request.Method) && await http.RequestServices.GetRequiredService<CostBudgets>().RefuseIfSpentAsync(http)) return;
        await next(http);
    });

    /// <summary>Answers <c>429 RATE_LIMITED</c>, with <c>Retry-After</c>, when the caller's points are all spent.</summary>
    /// <returns>Whether the request was refused.</returns>
    public async Task<bool> RefuseIfSpentAsync(HttpContext http)
    {
        var caller = Caller.Of(http.User);
        if (_buckets.GetStatistics(caller) is not { CurrentAvailablePermits: <= 0 }) return false;
        var wait = RetryAfter(1, PerMinute(caller));
        http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        await ErrorResponse.WriteAsync(http.Response, StatusCodes.Status429TooManyRequests, RateLimited, $"Your budget of cost points is spent: try again in {wait} s.");
        return true;
    }

    private static ExecutionError Limited(string message, int wait) =>
        new(message) { Code = RateLimited, Extensions = new Dictionary<string, object?> { ["retryAfter"] = wait } };

    private int PerMinute(Caller caller) => Math.Max(1, options.Value.Of(caller).CostPerMinute);

    /// <summary>Takes up to <paramref name="points"/> of what is left.</summary>
    private void Drain(Caller caller, long points)
    {
        var left = _buckets.GetStatistics(caller)?.CurrentAvailablePermits ?? PerMinute(caller);
        if (Math.Min(points, left) is > 0 and var taken) _buckets.AttemptAcquire(caller, (int)taken).Dispose();
    }

    /// <summary>Seconds until a deficit of points is restored.</summary>
    private static int RetryAfter(long deficit, int perMinute) => (int)Math.Max(1, Math.Ceiling(deficit / Refill.PerSecond(perMinute)));

    private CostBudget Left(Caller caller, int perMinute) =>
        new(_buckets.GetStatistics(caller)?.CurrentAvailablePermits ?? perMinute, perMinute, Refill.PerSecond(perMinute));

    public void Dispose() => _buckets.Dispose();
}
