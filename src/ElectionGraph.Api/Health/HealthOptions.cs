namespace ElectionGraph.Api.Health;

/// <summary>The <c>ElectionGraph:Health</c> configuration section.</summary>
public sealed class HealthOptions
{
    public const string Section = "ElectionGraph:Health";

    /// <summary>How long <c>/health/ready</c> waits for the store's round trip before it answers 503.</summary>
    public double ReadyTimeoutSeconds { get; set; } = 2;

    /// <summary>How long one round trip's outcome answers <c>/health/ready</c>, so that polling it cannot load the store.</summary>
    public double ReadyReuseSeconds { get; set; } = 1;
}
