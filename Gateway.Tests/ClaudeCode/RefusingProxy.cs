using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.ClaudeCode;

/// <summary>
/// An HTTP proxy on loopback that forwards nothing: it notes the request line of each connection (<c>CONNECT api.anthropic.com:443
/// HTTP/1.1</c> for HTTPS, the absolute URL for plain HTTP) and answers <c>403</c> at once, so a client pointed at it through
/// <c>HTTPS_PROXY</c>/<c>HTTP_PROXY</c> fails fast where it would have left the machine, and the test can say where it tried to go.
/// </summary>
internal sealed class RefusingProxy : IAsyncDisposable
{
    private static readonly byte[] Refusal = Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<string> _attempts = [];
    private readonly Task _accepting;

    public RefusingProxy()
    {
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    public string Url { get; }

    /// <summary>The request line of every connection so far.</summary>
    public IReadOnlyList<string> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                _ = RefuseAsync(client);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task RefuseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var patience = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                patience.CancelAfter(ReadTimeout);
                var stream = client.GetStream();
                var buffer = new byte[4096];
                var read = await stream.ReadAsync(buffer, patience.Token);
                var line = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
                lock (_gate)
                {
                    _attempts.Add(line);
                }

                await stream.WriteAsync(Refusal, patience.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // The client left, or said nothing in time; there is nothing to refuse.
            }
        }
    }
}
