using System.Threading.RateLimiting;

namespace ElectionGraph.Api.Budgets;

/// <summary>A token bucket that refills steadily: every second, or for small budgets a token at a time.</summary>
public static class Refill
{
    /// <param name="perMinute">Tokens restored each minute.</param>
    /// <param name="holds">The most the bucket holds: what may be spent at once.</param>
    public static TokenBucketRateLimiterOptions PerMinute(int perMinute, int holds)
    {
        perMinute = Math.Max(1, perMinute);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, holds),
            TokensPerPeriod = Math.Max(1, perMinute / 60),
            ReplenishmentPeriod = Period(perMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>How often <see cref="PerMinute"/> restores tokens: every second, or for small budgets as each token is due.</summary>
    public static TimeSpan Period(int perMinute) =>
        perMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / Math.Max(1, perMinute));

    /// <summary>What <see cref="PerMinute"/> restores each second.</summary>
    public static double PerSecond(int perMinute) => perMinute >= 60 ? perMinute / 60 : Math.Max(1, perMinute) / 60.0;
}
