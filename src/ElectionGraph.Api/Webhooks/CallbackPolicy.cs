using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Webhooks;

/// <summary>
/// Where webhooks may call: https URLs of public addresses only, so a stranger's webhook cannot make the server reach
/// into its own network (the cloud's metadata service, a database, the API's own /metrics). Checked on registration
/// (the URL), and again on every connection (each address the name resolves to, then the socket is opened to that
/// address itself: a name that resolves elsewhere between the check and the connection gains nothing).
/// </summary>
public sealed class CallbackPolicy(IOptions<WebhookOptions> options, IHostEnvironment environment)
{
    public const int MaxUrlLength = 2048;

    /// <summary>Networks no public service is on: private, loopback, link-local, shared, documentation, multicast, reserved.</summary>
    private static readonly IPNetwork[] NotPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8",
        }.Select(IPNetwork.Parse),
    ];

    private bool AllowPrivate => options.Value.AllowPrivateAddresses ?? environment.IsDevelopment();

    /// <summary>What is wrong with a callback URL; null when webhooks may call it.</summary>
    public string? Problem(string url)
    {
        if (url.Length > MaxUrlLength) return $"url: at most {MaxUrlLength} characters";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")) return "url: must be an absolute https URL";
        if (uri.UserInfo.Length > 0) return "url: must not hold a user name or password";
        if (uri.Fragment.Length > 0) return "url: must not have a fragment";
        var address = IPAddress.TryParse(uri.IdnHost, out var literal) ? literal : null;
        var loopback = uri.IsLoopback || address is not null && IPAddress.IsLoopback(address);
        if (uri.Scheme == "http" && !(AllowPrivate && loopback)) return "url: must be https (plain http only to loopback, in development)";
        if (AllowPrivate) return null;
        if (loopback || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || address is not null && !IsPublic(address))
            return "url: must not be a private, loopback or link-local address";
        return null;
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return !NotPublic.Any(network => network.Contains(address));
    }

    /// <summary>
    /// The connection of every webhook request (<see cref="SocketsHttpHandler.ConnectCallback"/>): the name is resolved,
    /// every address it has must be allowed, and the socket connects to those addresses.
    /// </summary>
    /// <exception cref="CallbackRefusedException">An address is not allowed.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!AllowPrivate && addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused)
            throw new CallbackRefusedException($"{host} resolves to {refused}, a private, loopback or link-local address");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A webhook's host resolved to an address the policy refuses; the attempt fails with this message.</summary>
public sealed class CallbackRefusedException(string message) : Exception(message);
