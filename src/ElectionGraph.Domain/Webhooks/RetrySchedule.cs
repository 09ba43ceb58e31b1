namespace ElectionGraph.Domain.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential backoff (the base doubling each attempt, up to a cap) with
/// jitter, so the deliveries of one declaration to a receiver that was down do not all return at the same moment.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included, before a delivery has failed.</param>
public sealed record RetrySchedule(TimeSpan Base, TimeSpan Cap, int MaxAttempts)
{
    /// <summary>
    /// The wait after attempt number <paramref name="attempts"/> (1 for the first) failed, or null when it was the
    /// last: between half and the whole of <c>base × 2^(attempts − 1)</c> (capped), the rest chosen by
    /// <paramref name="random"/> (0 to 1).
    /// </summary>
    public TimeSpan? After(int attempts, double random)
    {
        if (attempts >= MaxAttempts) return null;
        var backoff = Math.Min(Cap.TotalMilliseconds, Base.TotalMilliseconds * Math.Pow(2, attempts - 1));
        return TimeSpan.FromMilliseconds(backoff / 2 + backoff / 2 * Math.Clamp(random, 0, 1));
    }

    /// <summary>The longest a delivery can take from its first attempt to its last, jitter at its most.</summary>
    public TimeSpan Longest => TimeSpan.FromMilliseconds(Enumerable.Range(1, MaxAttempts - 1).Sum(a => After(a, 1)!.Value.TotalMilliseconds));
}
