using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Upstreams;

/// <summary>
/// One request being answered by a <see cref="StubUpstream"/>: the ASP.NET Core context, a token that fires when the client
/// goes away or the stub stops, and the stub's own ways of dropping the connection (remembered so they are not mistaken for
/// the client leaving).
/// </summary>
internal sealed class StubExchange(HttpContext http, CancellationToken cancellation)
{
    public HttpContext Http { get; } = http;

    /// <summary>Fires when the client disconnects or the stub is stopping.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>True once the stub itself dropped the connection.</summary>
    public bool AbortedByStub { get; private set; }

    /// <summary>Writes text as UTF-8 and flushes it to the socket at once, so the client can read it before anything else is sent.</summary>
    public async Task WriteAndFlushAsync(string text)
    {
        await Http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), Cancellation);
        await Http.Response.Body.FlushAsync(Cancellation);
    }

    /// <summary>Sends the status line and headers now, before any body byte.</summary>
    public async Task StartAsync()
    {
        await Http.Response.StartAsync(Cancellation);
        await Http.Response.Body.FlushAsync(Cancellation);
    }

    /// <summary>
    /// Ends the connection without finishing the response, after everything already written has reached the client. An abort
    /// would discard bytes still queued in the server's send buffer, so instead the handler fails after the response started:
    /// Kestrel then closes the connection without the terminating chunk, and the client sees the body end prematurely.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void CutAfterFlush()
    {
        AbortedByStub = true;
        throw new StubConnectionCutException();
    }

    /// <summary>
    /// Drops the connection without finishing the response. Without <paramref name="reset"/> the stub first half-closes its
    /// side (FIN), so the client sees the response end prematurely; with it the socket is closed abortively (linger 0), so the
    /// client sees a TCP reset.
    /// </summary>
    public void Abort(bool reset)
    {
        AbortedByStub = true;
        if (Http.Features.Get<IConnectionSocketFeature>()?.Socket is Socket socket)
        {
            if (reset)
            {
                socket.LingerState = new LingerOption(enable: true, seconds: 0);
            }
            else
            {
                TryHalfClose(socket);
            }
        }

        Http.Abort();
    }

    private static void TryHalfClose(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The peer is already gone; the abort that follows is all that is left to do.
        }
    }
}
