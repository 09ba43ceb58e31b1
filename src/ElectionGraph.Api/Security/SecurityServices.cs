using System.Net;
using ElectionGraph.Api.Access;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ElectionGraph.Api.Security;

public static class SecurityServices
{
    public static IServiceCollection AddElectionGraphSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section))
            .Validate(o => o.ApiKeys.LastUsedIntervalMinutes >= 1, "ElectionGraph:ApiKeys:LastUsedIntervalMinutes must be at least 1: each use would be a write.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((forwarded, security) => TrustOnly(forwarded, security.Value.ForwardedHeaders));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyIndex>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyIndex>());
        services.AddSingleton<KeyUsage>();
        services.AddHostedService(sp => sp.GetRequiredService<KeyUsage>());
        services.AddSingleton<ApiKeyRegistry>();
        return services.AddSingleton<ApiKeys>();
    }

    /// <summary>
    /// <c>X-Forwarded-For</c> is believed only from the configured proxies (none by default, not even loopback),
    /// through as many of them as the request passed.
    /// </summary>
    private static void TrustOnly(ForwardedHeadersOptions forwarded, ForwardedHeadersSettings settings)
    {
        // With no proxies listed the middleware would believe everyone: then it reads nothing.
        forwarded.ForwardedHeaders = settings.KnownProxies.Length > 0 ? ForwardedHeaders.XForwardedFor : ForwardedHeaders.None;
        forwarded.ForwardLimit = null;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies)
        {
            if (IPAddress.TryParse(proxy, out var address)) forwarded.KnownProxies.Add(address);
            else if (System.Net.IPNetwork.TryParse(proxy, out var network)) forwarded.KnownIPNetworks.Add(network);
            else throw new InvalidOperationException($"ElectionGraph:ForwardedHeaders:KnownProxies: '{proxy}' is neither an IP address nor a CIDR network.");
        }
    }
}
