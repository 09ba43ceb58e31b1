namespace ElectionGraph.Api.Subscriptions;

/// <summary>The <c>ElectionGraph:Subscriptions</c> configuration section.</summary>
public sealed class SubscriptionOptions
{
    public const string Section = "ElectionGraph:Subscriptions";

    /// <summary>How long a WebSocket client has to send connection_init.</summary>
    public int ConnectionInitTimeoutSeconds { get; set; } = 3;

    /// <summary>Messages a connection may owe its client before it is dropped as too far behind.</summary>
    public int OutboxCapacity { get; set; } = 512;

    /// <summary>Largest message a WebSocket client may send.</summary>
    public int MaxMessageBytes { get; set; } = 65_536;

    /// <summary>How often an idle Server-Sent Events stream sends a comment, so proxies keep it open.</summary>
    public int EventStreamHeartbeatSeconds { get; set; } = 15;
}
