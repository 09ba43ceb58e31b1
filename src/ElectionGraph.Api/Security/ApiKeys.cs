using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Security;

public static class Roles
{
    /// <summary>The results desk: the only callers who may declare or correct results.</summary>
    public const string ResultsDesk = "results-desk";
}

public sealed class SecurityOptions
{
    public const string Section = "ElectionGraph";

    /// <summary>The results desk's API key; without one, no caller can write.</summary>
    public string? ResultsDeskKey { get; set; }
}

/// <summary>Who a caller is, from the API key it presents (an HTTP header, or a WebSocket's connection_init).</summary>
public sealed class ApiKeys(IOptions<SecurityOptions> options)
{
    public static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    /// <returns>The caller; anonymous without a key; null for a key this server does not know.</returns>
    public ClaimsPrincipal? Authenticate(string? key)
    {
        if (string.IsNullOrEmpty(key)) return Anonymous;
        if (options.Value.ResultsDeskKey is not { Length: > 0 } desk
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(desk)))
            return null;
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, Roles.ResultsDesk), new Claim(ClaimTypes.Role, Roles.ResultsDesk)], "ApiKey"));
    }

    /// <summary><c>X-Api-Key: key</c> or <c>Authorization: Bearer key</c>.</summary>
    public static string? FromHeaders(IHeaderDictionary headers) =>
        headers["X-Api-Key"] is [var key] ? key
        : headers.Authorization is [var value] && value!.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim()
        : null;
}
