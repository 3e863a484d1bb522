using System.Diagnostics;

namespace StreamProbe;

/// <summary>
/// Starts a process and times how long until it has served its first chat completion (a real request through to the upstream, not a
/// health check), then stops it. The clock starts just before the process is created, so runtime start-up and JIT are included.
/// </summary>
internal static class ColdStartCommand
{
    public static async Task<int> RunAsync(ProbeArgs options)
    {
        var url = options.Text("url");
        var body = File.ReadAllBytes(options.Text("body-file"));
        var timeout = TimeSpan.FromSeconds(options.Number("timeout-s", 30));
        var start = new ProcessStartInfo(options.Text("exe"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (options.OptionalText("args") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(arg);
        }

        using var client = Clients.Create(1);
        client.Timeout = TimeSpan.FromSeconds(5);
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new ArgumentException($"could not start {start.FileName}");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (Stopwatch.GetElapsedTime(started) < timeout && !process.HasExited)
            {
                try
                {
                    using var request = Clients.Post(url, body);
                    using var response = await client.SendAsync(request);
                    await response.Content.CopyToAsync(Stream.Null);
                    if (response.IsSuccessStatusCode)
                    {
                        new Output().Add("coldstart_ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds).Print();
                        return 0;
                    }

                    Console.Error.WriteLine($"the first request was answered {(int)response.StatusCode}, not 200.");
                    return 1;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet. A 1 ms sleep, not Task.Delay: timers tick every 4 ms here, which would blur the measurement.
                    Thread.Sleep(1);
                }
            }

            Console.Error.WriteLine(process.HasExited
                ? $"{start.FileName} exited with {process.ExitCode} before serving a request."
                : $"{start.FileName} served no request within {timeout.TotalSeconds:0} s.");
            return 1;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }
}
