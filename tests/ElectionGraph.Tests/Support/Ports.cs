using System.Net;
using System.Net.Sockets;

namespace ElectionGraph.Tests.Support;

public static class Ports
{
    /// <summary>A port on 127.0.0.1 that nothing listens on now, for a process the test starts.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
