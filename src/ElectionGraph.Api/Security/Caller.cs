using System.Net;
using System.Security.Claims;
using ElectionGraph.Domain.Access;

namespace ElectionGraph.Api.Security;

/// <summary>
/// Who is calling, as limits count callers: a key by its id (the same key from anywhere is one caller), anyone
/// else by client address. Derived from the request's user, so every transport (HTTP, WebSocket, SSE) and
/// every execution (<c>ExecutionOptions.User</c>) can tell.
/// </summary>
/// <param name="Partition"><c>key:&lt;id&gt;</c> or <c>ip:&lt;address&gt;</c>.</param>
/// <param name="Budget">The key's own limits; null for the defaults (and for anonymous callers).</param>
public sealed record Caller(string Partition, IReadOnlySet<string> Roles, ApiKeyBudget? Budget)
{
    private const string AddressClaim = "electiongraph:client-address";

    public static Caller Of(ClaimsPrincipal user) => user is Principal known ? known.Caller : Describe(user);

    private static Caller Describe(ClaimsPrincipal user) =>
        user.Identity is KeyIdentity identity
            ? new Caller($"key:{identity.Key.Id}", identity.Key.Roles.ToHashSet(), identity.Key.Budget)
            : new Caller($"ip:{user.FindFirstValue(AddressClaim) ?? "unknown"}", new HashSet<string>(), null);

    /// <summary>A caller without a key, known by its address (an IPv4 address however the socket carried it).</summary>
    public static ClaimsPrincipal Anonymous(IPAddress? address) =>
        new Principal(new ClaimsIdentity(address is null ? [] : [new Claim(AddressClaim, (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString())]));

    public static ClaimsPrincipal WithKey(ApiKey key) => new Principal(new KeyIdentity(key));

    /// <summary>A request's user that knows its caller: the limits, the budgets and the cache ask several times a request.</summary>
    private sealed class Principal : ClaimsPrincipal
    {
        public Principal(ClaimsIdentity identity) : base(identity) => Caller = Describe(this);

        public Caller Caller { get; }
    }
}

/// <summary>An authenticated caller's identity: the key it presented, and that key's roles as role claims.</summary>
public sealed class KeyIdentity(ApiKey key) : ClaimsIdentity(
    [new Claim(ClaimTypes.NameIdentifier, key.Id), new Claim(ClaimTypes.Name, key.Name), .. key.Roles.Select(r => new Claim(ClaimTypes.Role, r))],
    authenticationType: "ApiKey")
{
    public ApiKey Key { get; } = key;
}
