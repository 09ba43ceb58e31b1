using System.Net;

namespace ElectionGraph.Api.Telemetry;

/// <summary>The Prometheus scrape endpoint (<c>ElectionGraph:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "ElectionGraph:Metrics";

    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Who may scrape: loopback and the private networks by default (a Prometheus beside the API, in its compose
    /// network or cluster); anyone else is answered 404, as if there were no such endpoint. Behind a reverse proxy,
    /// configure <c>ElectionGraph:ForwardedHeaders</c> so that the client's address, not the proxy's, is checked.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];

    /// <summary>Whether a request from this address may scrape. No address is a connection that is not TCP (in process, a Unix socket): local.</summary>
    public bool Allows(IPAddress? address)
    {
        if (address is null) return true;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return AllowedNetworks.Any(network => IPNetwork.Parse(network).Contains(address));
    }

    public bool Valid => AllowedNetworks.All(network => IPNetwork.TryParse(network, out _)) && Path.StartsWith('/');
}
