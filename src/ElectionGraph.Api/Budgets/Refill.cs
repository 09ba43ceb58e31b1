using System.Threading.RateLimiting;

namespace ElectionGraph.Api.Budgets;

/// <summary>A token bucket holding a minute's worth that refills steadily: every second, or for small budgets a token at a time.</summary>
public static class Refill
{
    public static TokenBucketRateLimiterOptions PerMinute(int perMinute)
    {
        perMinute = Math.Max(1, perMinute);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = Math.Max(1, perMinute / 60),
            ReplenishmentPeriod = perMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / perMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>What <see cref="PerMinute"/> restores each second.</summary>
    public static double PerSecond(int perMinute) => perMinute >= 60 ? perMinute / 60 : Math.Max(1, perMinute) / 60.0;
}
