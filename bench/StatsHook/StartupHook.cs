using System.Globalization;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// Loaded into the gateway with <c>DOTNET_STARTUP_HOOKS</c> by <c>bench/run.sh</c>, so the gateway itself carries no benchmark code.
/// When <c>BENCH_STATS_SOCKET</c> names a path, a background thread answers every connection on that Unix socket with one line:
/// bytes allocated since start (all threads), resident and peak resident memory, GC counts and heap size.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable("BENCH_STATS_SOCKET");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        new Thread(() => Serve(path)) { IsBackground = true, Name = "bench-stats" }.Start();
    }

    private static void Serve(string path)
    {
        File.Delete(path);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        while (true)
        {
            using var client = listener.Accept();
            client.Send(Encoding.ASCII.GetBytes(Snapshot()));
            client.Shutdown(SocketShutdown.Both);
        }
    }

    private static string Snapshot()
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"allocated_bytes={GC.GetTotalAllocatedBytes(precise: true)}");
        foreach (var status in File.ReadLines("/proc/self/status"))
        {
            if (status.StartsWith("VmRSS:", StringComparison.Ordinal) || status.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var key = status.StartsWith("VmRSS:", StringComparison.Ordinal) ? "rss_kb" : "hwm_kb";
                line.Append(CultureInfo.InvariantCulture, $" {key}={status[6..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim()}");
            }
        }

        line.Append(CultureInfo.InvariantCulture, $" gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)}");
        line.Append(CultureInfo.InvariantCulture, $" heap_bytes={GC.GetGCMemoryInfo().HeapSizeBytes}\n");
        return line.ToString();
    }
}
