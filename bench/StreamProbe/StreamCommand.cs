using System.Diagnostics;

namespace StreamProbe;

/// <summary>
/// Streamed requests one after another, timing each <c>data:</c> event as the client sees it: time to first token (request sent →
/// first event parsed) and the gap between consecutive events. An event that arrives together with the previous one (a gap under a
/// tenth of the upstream's pace) counts as merged: that is what coalescing looks like to a client. A request that does not end with
/// <c>[DONE]</c> after the expected number of events counts as incomplete.
/// </summary>
internal static class StreamCommand
{
    public static async Task<int> RunAsync(ProbeArgs options)
    {
        var url = options.Text("url");
        var body = File.ReadAllBytes(options.Text("body-file"));
        var requests = (int)options.Number("requests", 20);
        var warmup = (int)options.Number("warmup", 2);
        var expected = (int)options.Number("expect-events", 0);
        var mergedBelow = options.Number("interval-ms", 5) * 1000 / 10;

        using var client = Clients.Create(1);
        var ttfts = new List<double>();
        var gaps = new List<double>();
        var eventCounts = new List<double>();
        var incomplete = 0;
        for (var i = 0; i < warmup + requests; i++)
        {
            var result = await MeasureAsync(client, url, body);
            if (i < warmup)
            {
                continue;
            }

            if (!result.Done || (expected > 0 && result.Arrivals.Count != expected))
            {
                incomplete++;
            }

            eventCounts.Add(result.Arrivals.Count);
            if (result.Arrivals.Count > 0)
            {
                ttfts.Add(result.Arrivals[0]);
            }

            for (var e = 1; e < result.Arrivals.Count; e++)
            {
                gaps.Add(result.Arrivals[e] - result.Arrivals[e - 1]);
            }
        }

        var merged = 0;
        foreach (var gap in gaps)
        {
            merged += gap < mergedBelow ? 1 : 0;
        }

        new Output()
            .Add("requests", requests)
            .Add("incomplete", incomplete)
            .Add("events", eventCounts.Count > 0 ? Percentiles.Of(eventCounts, 0) : 0)
            .Add("merged", merged)
            .Add("ttft_p50_us", Percentiles.Of(ttfts, 50))
            .Add("ttft_p99_us", Percentiles.Of(ttfts, 99))
            .Add("gap_p50_us", Percentiles.Of(gaps, 50))
            .Add("gap_p99_us", Percentiles.Of(gaps, 99))
            .Add("gap_min_us", Percentiles.Of(gaps, 0))
            .Print();
        return 0;
    }

    /// <summary>One streamed request: when each data event arrived (microseconds since the request was sent), and whether [DONE] came.</summary>
    private static async Task<(List<double> Arrivals, bool Done)> MeasureAsync(HttpClient client, string url, byte[] body)
    {
        var arrivals = new List<double>(64);
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var request = Clients.Post(url, body);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                return (arrivals, false);
            }

            await using var stream = await response.Content.ReadAsStreamAsync();
            var parser = new SseFrames();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                var now = Stopwatch.GetElapsedTime(sent).TotalMicroseconds;
                foreach (var frame in parser.Feed(buffer.AsSpan(0, read)))
                {
                    if (frame == SseFrames.Frame.Done)
                    {
                        return (arrivals, true);
                    }

                    if (frame == SseFrames.Frame.Data)
                    {
                        arrivals.Add(now);
                    }
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Console.Error.WriteLine($"stream request failed: {e.Message}");
        }

        return (arrivals, false);
    }
}
