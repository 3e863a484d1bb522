using System.Diagnostics;

namespace StreamProbe;

/// <summary>
/// Waits until a URL answers HTTP (any status), so the script never races a process that is still starting; with <c>--pid</c>, gives up
/// as soon as that process has exited (it failed to start) instead of waiting out the timeout.
/// </summary>
internal static class WaitCommand
{
    public static async Task<int> RunAsync(ProbeArgs options)
    {
        var url = options.Text("url");
        var timeout = TimeSpan.FromSeconds(options.Number("timeout-s", 30));
        using var client = Clients.Create(1);
        client.Timeout = TimeSpan.FromSeconds(2);
        var pid = (int)options.Number("pid", 0);
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (pid > 0 && HasExited(pid))
            {
                Console.Error.WriteLine($"process {pid} exited before {url} answered.");
                return 1;
            }

            try
            {
                using var response = await client.GetAsync(url);
                return 0;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(20);
            }
        }

        Console.Error.WriteLine($"{url} did not answer within {timeout.TotalSeconds:0} s.");
        return 1;
    }

    /// <summary>Gone, or a zombie its parent has not reaped yet (state <c>Z</c> after the command name in <c>/proc/pid/stat</c>).</summary>
    private static bool HasExited(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat.AsSpan(stat.LastIndexOf(')') + 1).TrimStart();
            return state.IsEmpty || state[0] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
    }
}
