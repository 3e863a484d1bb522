using System.Net.Sockets;
using System.Text;

namespace StreamProbe;

/// <summary>Asks a process running <c>bench/StatsHook</c> for its counters (allocated bytes, RSS, peak RSS, GC counts) and prints them.</summary>
internal static class StatsCommand
{
    public static int Run(ProbeArgs options)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(options.Text("socket")));
        var received = new MemoryStream();
        var buffer = new byte[1024];
        int read;
        while ((read = socket.Receive(buffer)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        Console.WriteLine(Encoding.ASCII.GetString(received.ToArray()).Trim());
        return 0;
    }
}
