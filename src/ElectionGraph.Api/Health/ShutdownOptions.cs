namespace ElectionGraph.Api.Health;

/// <summary>How long a stopping server may take, from the <c>ElectionGraph</c> configuration section.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "ElectionGraph";

    /// <summary>After SIGTERM, how long requests still running may take before they are aborted and the process exits.</summary>
    public double ShutdownTimeoutSeconds { get; set; } = 10;
}
