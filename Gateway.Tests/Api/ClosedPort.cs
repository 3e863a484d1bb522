using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Api;

/// <summary>
/// Loopback URLs where nothing listens: a connection is refused at once. Each port stays bound (never listening) until the test run
/// ends, so no server started by a test running alongside can be given the same port meanwhile.
/// </summary>
internal static class ClosedPort
{
    private static readonly ConcurrentBag<Socket> Held = [];

    public static string Url()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Held.Add(socket);
        return $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}";
    }
}
