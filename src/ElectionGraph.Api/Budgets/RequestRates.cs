using System.Globalization;
using System.Threading.RateLimiting;
using ElectionGraph.Api.Security;
using ElectionGraph.Api.Transport;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Budgets;

/// <summary>
/// Requests of any cost (a 304 and a WebSocket upgrade included) per caller, on ASP.NET Core's rate limiting
/// middleware: a token bucket refilling every second that holds ten seconds' worth, so a burst is allowed but a
/// flood soon meets the steady rate. Over it: 429 with <c>Retry-After</c> and a <c>RATE_LIMITED</c> error.
/// </summary>
public static class RequestRates
{
    public const string Policy = "requests";

    public static IServiceCollection AddRequestRates(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, http =>
            {
                var caller = Caller.Of(http.User);
                var perMinute = http.RequestServices.GetRequiredService<IOptions<BudgetOptions>>().Value.Of(caller).RequestsPerMinute;
                return RateLimitPartition.GetTokenBucketLimiter(caller.Partition, _ => Refill.PerMinute(perMinute, holds: perMinute / 6));
            });
            limiter.OnRejected = (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(ErrorResponse.WriteAsync(rejected.HttpContext.Response, StatusCodes.Status429TooManyRequests, CostBudgets.RateLimited,
                    $"Too many requests for this caller: try again in {wait} s."));
            };
        });
}
