using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>
/// Listens at an address inside a sandbox's namespace and relays every connection, byte for byte, to a server of this process on
/// loopback: a service the container reaches by its address or name (Ollama at <c>ollama:11434</c>) that is really a test's stand-in.
/// </summary>
internal sealed class NamespaceRelay : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly Task _accepting;

    private NamespaceRelay(Socket listener, IPEndPoint target)
    {
        _listener = listener;
        _target = target;
        _accepting = AcceptAsync();
    }

    public static async Task<NamespaceRelay> StartAsync(NetworkNamespace network, IPEndPoint listenAt, IPEndPoint target)
    {
        var listener = await network.CreateSocketAsync(listenAt.AddressFamily);
        try
        {
            listener.Bind(listenAt);
            listener.Listen(64);
            return new NamespaceRelay(listener, target);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        foreach (var socket in _open.Keys)
        {
            socket.Dispose();
        }

        await _accepting;
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var upstream = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _open[client] = 0;
        _open[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(_target, _stopping.Token);
            await Task.WhenAll(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // One side went away or the relay stops: the other side sees its connection end, as it would with the real service.
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(upstream, out _);
            client.Dispose();
            upstream.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token)) > 0)
        {
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
        }

        to.Shutdown(SocketShutdown.Send);
    }
}
