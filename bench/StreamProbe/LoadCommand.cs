using System.Diagnostics;

namespace StreamProbe;

/// <summary>
/// Closed-loop load: <c>connections</c> workers each send the next request as soon as the last answer is read, for a fixed count or a
/// fixed time. Prints requests, errors (non-2xx or transport), requests per second and latency p50/p99 in microseconds.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(ProbeArgs options)
    {
        var url = options.Text("url");
        var body = File.ReadAllBytes(options.Text("body-file"));
        var connections = (int)options.Number("connections", 1);
        var requests = (long)options.Number("requests", 0);
        var duration = TimeSpan.FromSeconds(options.Number("duration-s", requests > 0 ? 0 : 5));

        using var client = Clients.Create(connections);
        var remaining = requests;
        var errors = 0L;
        var latencies = new List<double>[connections];
        var started = Stopwatch.GetTimestamp();

        bool Next() => requests > 0 ? Interlocked.Decrement(ref remaining) >= 0 : Stopwatch.GetElapsedTime(started) < duration;

        async Task WorkAsync(List<double> mine)
        {
            while (Next())
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var request = Clients.Post(url, body);
                    using var response = await client.SendAsync(request);
                    await response.Content.CopyToAsync(Stream.Null);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMicroseconds);
            }
        }

        var workers = new Task[connections];
        for (var i = 0; i < connections; i++)
        {
            var mine = latencies[i] = new List<double>(4096);
            workers[i] = Task.Run(() => WorkAsync(mine));
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = new List<double>();
        foreach (var list in latencies)
        {
            all.AddRange(list);
        }

        new Output()
            .Add("requests", all.Count)
            .Add("errors", errors)
            .Add("rps", all.Count / elapsed)
            .Add("p50_us", Percentiles.Of(all, 50))
            .Add("p99_us", Percentiles.Of(all, 99))
            .Print();
        return 0;
    }
}
