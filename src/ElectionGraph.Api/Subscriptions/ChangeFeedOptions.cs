namespace ElectionGraph.Api.Subscriptions;

/// <summary>The <c>ElectionGraph:ChangeFeed</c> configuration section.</summary>
public sealed class ChangeFeedOptions
{
    public const string Section = "ElectionGraph:ChangeFeed";

    /// <summary>
    /// The longest wait between attempts to reopen a failed change feed; the waits start at a tenth of a second
    /// and double up to this.
    /// </summary>
    public double RetryMaxSeconds { get; set; } = 5;
}
