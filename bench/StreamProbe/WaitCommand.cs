using System.Diagnostics;

namespace StreamProbe;

/// <summary>Waits until a URL answers HTTP (any status), so the script never races a process that is still starting.</summary>
internal static class WaitCommand
{
    public static async Task<int> RunAsync(ProbeArgs options)
    {
        var url = options.Text("url");
        var timeout = TimeSpan.FromSeconds(options.Number("timeout-s", 30));
        using var client = Clients.Create(1);
        client.Timeout = TimeSpan.FromSeconds(2);
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
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
}
