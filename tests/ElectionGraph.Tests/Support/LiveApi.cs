using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ElectionGraph.Tests.Support;

/// <summary>
/// The API on a real Kestrel socket on 127.0.0.1 (a free port), seeded, for clients outside the process:
/// Node tools and the browser.
/// </summary>
public sealed class LiveApi : IDisposable
{
    private readonly TempDirectory _data = new();

    public LiveApi() : this(null)
    {
    }

    private LiveApi(IReadOnlyDictionary<string, string>? settings)
    {
        Api = new ApiFactory(_data.Path, settings: settings);
        Api.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Api.StartServer();
        var address = Api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Endpoint = new Uri(new Uri(address), "/graphql");
    }

    /// <summary>The API with configuration on top of the defaults.</summary>
    public static LiveApi With(IReadOnlyDictionary<string, string> settings) => new(settings);

    public ApiFactory Api { get; }

    /// <summary>http://127.0.0.1:port/graphql</summary>
    public Uri Endpoint { get; }

    public void Dispose()
    {
        Api.Dispose();
        _data.Dispose();
    }
}
