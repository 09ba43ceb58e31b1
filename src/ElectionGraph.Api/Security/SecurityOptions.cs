namespace ElectionGraph.Api.Security;

/// <summary>The <c>ElectionGraph</c> configuration section, as far as callers and their keys are concerned.</summary>
public sealed class SecurityOptions
{
    public const string Section = "ElectionGraph";

    /// <summary>
    /// A results-desk key from configuration, for local runs and compose before any key is issued. It cannot be
    /// revoked except by changing the setting: on a public deployment issue the desk a key instead.
    /// </summary>
    public string? ResultsDeskKey { get; set; }

    public AnonymousOptions Anonymous { get; set; } = new();

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    public ApiKeyOptions ApiKeys { get; set; } = new();
}

public sealed class AnonymousOptions
{
    /// <summary>False: every request needs a key (<c>API_KEY_REQUIRED</c> without one).</summary>
    public bool Enabled { get; set; } = true;
}

public sealed class ForwardedHeadersSettings
{
    /// <summary>
    /// Proxies (IP addresses or CIDR networks) whose <c>X-Forwarded-For</c> names the client. From anyone
    /// else the header is ignored, so a client cannot choose the address it is counted under.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
}

public sealed class ApiKeyOptions
{
    /// <summary>A key's <c>lastUsedAt</c> is written at most once in this many minutes.</summary>
    public int LastUsedIntervalMinutes { get; set; } = 10;
}
