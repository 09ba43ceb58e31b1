using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using ElectionGraph.Domain.Access;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Security;

/// <summary>The outcome of presenting a key (or none): the caller, or why it is refused.</summary>
public sealed record Authentication(ClaimsPrincipal? User, Refusal? Refusal);

public sealed record Refusal(int Status, string Code, string Message)
{
    public static readonly Refusal KeyRequired = new(StatusCodes.Status401Unauthorized, "API_KEY_REQUIRED",
        "This API needs an API key: send it as X-Api-Key or Authorization: Bearer (on a WebSocket, as apiKey in connection_init's payload).");

    public static readonly Refusal UnknownKey = new(StatusCodes.Status401Unauthorized, "INVALID_API_KEY", "This API key is not known.");

    public static readonly Refusal RevokedKey = new(StatusCodes.Status401Unauthorized, "INVALID_API_KEY", "This API key has been revoked.");

    public static readonly Refusal KeysUnavailable = new(StatusCodes.Status503ServiceUnavailable, "STORE_UNAVAILABLE",
        "API keys cannot be checked right now: try again shortly.");
}

/// <summary>Who a caller is, from the API key it presents (an HTTP header, or a WebSocket's connection_init).</summary>
public sealed class ApiKeys(ApiKeyIndex index, KeyUsage usage, IOptions<SecurityOptions> options)
{
    /// <summary>The configured bootstrap desk key, as if it had been issued (it is never stored).</summary>
    private readonly ApiKey? _desk = options.Value.ResultsDeskKey is { Length: > 0 } desk
        ? new ApiKey
        {
            Id = "results-desk-setting", Name = "ElectionGraph:ResultsDeskKey", Roles = [Roles.ResultsDesk],
            Prefix = "", Hash = KeySecrets.Hash(desk),
        }
        : null;

    /// <param name="presented">The key, if any.</param>
    /// <param name="client">The client's address, for a caller without a key.</param>
    public Authentication Authenticate(string? presented, IPAddress? client)
    {
        if (string.IsNullOrEmpty(presented))
            return options.Value.Anonymous.Enabled ? new(Caller.Anonymous(client), null) : new(null, Refusal.KeyRequired);

        var hash = KeySecrets.Hash(presented);
        // A configured key may be guessable, so it is compared in constant time. Issued keys are looked up by
        // hash: timing could at most reveal a hash's first characters, which is no help in finding a 256-bit key.
        if (_desk is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(_desk.Hash)))
            return new(Caller.WithKey(_desk), null);
        if (!index.Loaded) return new(null, Refusal.KeysUnavailable);
        if (index.Find(hash) is not { } key) return new(null, Refusal.UnknownKey);
        if (key.RevokedAt is not null) return new(null, Refusal.RevokedKey);

        usage.Used(key);
        return new(Caller.WithKey(key), null);
    }

    /// <summary><c>X-Api-Key: key</c> or <c>Authorization: Bearer key</c>.</summary>
    public static string? FromHeaders(IHeaderDictionary headers) =>
        headers["X-Api-Key"] is [var key] ? key
        : headers.Authorization is [var value] && value!.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim()
        : null;
}
