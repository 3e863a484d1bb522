using System.IO.Pipes;
using System.Net.Sockets;

namespace Gateway.Tests.Containers;

/// <summary>
/// A plain <see cref="HttpClient"/> on the Docker Engine API at a <c>unix://</c>, <c>npipe://</c> or <c>tcp://</c> endpoint, for the few
/// unversioned calls the probe makes (<c>/version</c>, <c>/images/json</c>): they answer on every engine, old or new.
/// </summary>
internal static class DockerApiClient
{
    private const int DefaultTcpPort = 2375;

    public static HttpClient Create(Uri endpoint, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = timeout, UseProxy = false };
        Uri baseAddress;
        switch (endpoint.Scheme)
        {
            case "unix":
                var path = DockerEndpoints.SocketPath(endpoint);
                handler.ConnectCallback = (_, cancellationToken) => ConnectUnixAsync(path, cancellationToken);
                baseAddress = new Uri("http://docker.sock/");
                break;
            case "npipe":
                var pipe = DockerEndpoints.PipeName(endpoint);
                handler.ConnectCallback = (_, cancellationToken) => ConnectPipeAsync(pipe, cancellationToken);
                baseAddress = new Uri("http://docker.pipe/");
                break;
            default:
                baseAddress = new UriBuilder(Uri.UriSchemeHttp, endpoint.Host, endpoint.Port > 0 ? endpoint.Port : DefaultTcpPort).Uri;
                break;
        }

        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
    }

    private static async ValueTask<Stream> ConnectUnixAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async ValueTask<Stream> ConnectPipeAsync(string pipe, CancellationToken cancellationToken)
    {
        var stream = new NamedPipeClientStream(".", pipe, PipeDirection.InOut, PipeOptions.Asynchronous);
        try
        {
            await stream.ConnectAsync(cancellationToken);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }
}
