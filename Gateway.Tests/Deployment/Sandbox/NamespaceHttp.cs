using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>
/// HTTP from inside a sandbox's network namespace: each connection's socket is made there and bound to a chosen source address, so the
/// container sees the request come from that peer (the kubelet's node, a client pod, the bridge behind a published port), not from loopback.
/// </summary>
internal static class NamespaceHttp
{
    public static SocketsHttpHandler Handler(NetworkNamespace network, IPAddress from, Func<string, IPAddress> resolve) => new()
    {
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var to = new IPEndPoint(resolve(context.DnsEndPoint.Host), context.DnsEndPoint.Port);
            var socket = await network.CreateSocketAsync(to.AddressFamily);
            try
            {
                socket.NoDelay = true;
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(to, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
