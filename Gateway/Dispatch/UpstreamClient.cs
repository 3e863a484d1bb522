using System.Net;
using System.Net.Sockets;
using Gateway.Backends;

namespace Gateway.Dispatch;

/// <summary>
/// Sends to upstreams over the transport of <see cref="UpstreamTransport"/>, with no client-wide timeout (each attempt carries its own).
/// Transport errors come back as values.
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>A client of its own (the <c>doctor</c> command, which runs without the host).</summary>
    public UpstreamClient()
        : this(new HttpClient(UpstreamTransport.Create()) { Timeout = Timeout.InfiniteTimeSpan })
    {
    }

    /// <summary>A client over <paramref name="http"/>, whose timeout must be infinite.</summary>
    public UpstreamClient(HttpClient http)
    {
        _http = http;
    }

    /// <summary>
    /// Sends <paramref name="request"/> and returns once the response headers arrive (bodies are read by the caller, streamed).
    /// Connection failures and timeouts come back as failures; cancellation by <paramref name="clientAborted"/> propagates.
    /// </summary>
    public async Task<Outcome<HttpResponseMessage>> SendAsync(HttpRequestMessage request, CancellationToken attemptToken, CancellationToken clientAborted)
    {
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken);
            return Outcome<HttpResponseMessage>.Ok(response);
        }
        catch (OperationCanceledException) when (!clientAborted.IsCancellationRequested)
        {
            return new UpstreamFailure { Kind = FailureKind.Timeout, Message = "no response within the time allowed" };
        }
        catch (HttpRequestException e)
        {
            return new UpstreamFailure { Kind = FailureKind.Connect, Message = Describe(e) };
        }
    }

    /// <summary>A short description of a transport failure, without the stack or inner-exception noise.</summary>
    public static string Describe(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.ConnectionReset => "connection reset",
                    SocketError.HostNotFound or SocketError.NoData => "host not found (DNS)",
                    SocketError.TimedOut => "connect timed out",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
                    _ => socket.SocketErrorCode.ToString(),
                };
            }
        }

        if (e is HttpRequestException { HttpRequestError: var kind } && kind != HttpRequestError.Unknown)
        {
            return kind switch
            {
                HttpRequestError.ResponseEnded => "the upstream closed the connection before answering",
                HttpRequestError.SecureConnectionError => "TLS handshake failed",
                HttpRequestError.NameResolutionError => "host not found (DNS)",
                HttpRequestError.ConnectionError => "connection failed",
                HttpRequestError.InvalidResponse => "the upstream's answer is not valid HTTP",
                _ => kind.ToString(),
            };
        }

        return e.Message;
    }

    public void Dispose() => _http.Dispose();
}
