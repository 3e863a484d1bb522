using System.Globalization;
using System.Text;

namespace StreamProbe;

/// <summary>The rows of the report, each with its target from the performance issue.</summary>
internal sealed class ReportTable(Results results, bool smoke, double expectedEvents)
{
    private const string Direct = "direct";
    private const string Gateway = "gateway";
    private const string Floor = "floor";

    public string Render()
    {
        var rows = new List<string[]>
        {
            Latency("Non-streaming, 1 connection: latency p50", "c1", "p50_us", 0.15),
            Latency("Non-streaming, 1 connection: latency p99", "c1", "p99_us", 1.0),
            Throughput("Non-streaming, 1 connection: throughput", "c1", null),
            Throughput("Non-streaming, 32 connections: throughput", "c32", 0.4),
            First(),
            Latency("Non-streaming, 32 connections: latency p50", "c32", "p50_us", null),
            Latency("Non-streaming, 32 connections: latency p99", "c32", "p99_us", null),
            Cpu("c1"),
            Cpu("c32"),
            FloorLatency("1 connection latency p50", "c1", "p50_us"),
            FloorThroughput(),
            FloorCpu(),
            Latency("Streaming: time to first token p50", "stream", "ttft_p50_us", 0.5),
            Latency("Streaming: time to first token p99", "stream", "ttft_p99_us", null),
            FloorLatency("time to first token p50", "stream", "ttft_p50_us"),
            Gaps(),
            Events(),
            PeakRss(),
            RssGrowth(),
            Allocations(),
            ColdStart(),
        };

        var text = new StringBuilder();
        text.AppendLine("| measure (median of rounds) | direct | through the gateway | gateway / direct | added by the gateway | target | met |");
        text.AppendLine("|---|---:|---:|---:|---:|---|---|");
        foreach (var row in rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        return text.ToString();
    }

    /// <summary>What shows that the pipeline itself is broken (not slow): missing phases, failed requests, lost events.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        foreach (var scenario in (string[])["c1", "c32"])
        {
            foreach (var target in (string[])[Direct, Gateway, Floor])
            {
                if (!(results.Median(scenario, target, "requests") > 0))
                {
                    problems.Add($"{scenario} {target}: no requests were measured");
                }
                else if (results.Max(scenario, target, "errors") > 0)
                {
                    problems.Add($"{scenario} {target}: {results.Max(scenario, target, "errors")} requests failed");
                }
            }
        }

        foreach (var target in (string[])[Direct, Gateway, Floor])
        {
            if (results.Rounds("stream", target, "events") == 0)
            {
                problems.Add($"stream {target}: nothing was measured");
            }
            else if (results.Max("stream", target, "incomplete") > 0 || results.Min("stream", target, "events") != expectedEvents)
            {
                problems.Add($"stream {target}: answers were incomplete or had {results.Min("stream", target, "events")} events instead of {expectedEvents}");
            }
        }

        if (!(results.Median("soak", Gateway, "requests") > 0) || results.Max("soak", Gateway, "errors") > 0 || double.IsNaN(results.Median("soak", Gateway, "alloc_per_req_bytes")))
        {
            problems.Add("soak: requests failed or the gateway's counters were not read");
        }

        if (double.IsNaN(results.Median("coldstart", Gateway, "coldstart_ms")))
        {
            problems.Add("cold start: the gateway served no first request");
        }

        return problems;
    }

    private string[] Latency(string measure, string scenario, string metric, double? maxAddedMs)
    {
        var direct = results.Median(scenario, Direct, metric) / 1000;
        var gateway = results.Median(scenario, Gateway, metric) / 1000;
        var added = gateway - direct;
        return
        [
            measure, Ms(direct), Ms(gateway), Ratio(gateway / direct), $"{Signed(added)} ms",
            maxAddedMs is { } max ? $"added ≤ {F(max, "0.00")} ms" : "—", Met(maxAddedMs is null ? null : added <= maxAddedMs),
        ];
    }

    private string[] Throughput(string measure, string scenario, double? minRatio)
    {
        var direct = results.Median(scenario, Direct, "rps");
        var gateway = results.Median(scenario, Gateway, "rps");
        var ratio = gateway / direct;
        return
        [
            measure, $"{F(direct, "0")} req/s", $"{F(gateway, "0")} req/s", Ratio(ratio), "—",
            minRatio is { } min ? $"≥ {F(min, "0.0")} × direct" : "—", Met(minRatio is null ? null : ratio >= minRatio),
        ];
    }

    /// <summary>CPU time per request of each server process (from /proc), which is what bounds throughput on a saturated machine.</summary>
    private string[] Cpu(string scenario)
    {
        var upstreamDirect = results.Median(scenario, Direct, "upstream_cpu_us");
        var upstreamThrough = results.Median(scenario, Gateway, "upstream_cpu_us");
        var gateway = results.Median(scenario, Gateway, "gateway_cpu_us");
        var connections = scenario == "c1" ? "1 connection" : "32 connections";
        return
        [
            $"Non-streaming, {connections}: CPU per request", $"upstream {F(upstreamDirect, "0")} µs",
            $"gateway {F(gateway, "0")} µs + upstream {F(upstreamThrough, "0")} µs", "—", $"+{F(gateway, "0")} µs CPU", "—", "—",
        ];
    }

    /// <summary>
    /// The floor: bench/BareForwarder (Kestrel, one pooled HttpClient, the body's bytes passed through) in the column of the gateway.
    /// What it adds over direct, no ASP.NET Core gateway can avoid on this machine; the rest is the gateway's own.
    /// </summary>
    private string[] FloorLatency(string label, string scenario, string key)
    {
        var direct = results.Median(scenario, Direct, key) / 1000;
        var floor = results.Median(scenario, Floor, key) / 1000;
        return [$"Reference, a bare forwarder: {label}", Ms(direct), Ms(floor), Ratio(floor / direct), $"{Signed(floor - direct)} ms", "—", "—"];
    }

    private string[] FloorThroughput()
    {
        var direct = results.Median("c32", Direct, "rps");
        var floor = results.Median("c32", Floor, "rps");
        return
        [
            "Reference, a bare forwarder: 32 connections throughput", $"{F(direct, "0")} req/s", $"{F(floor, "0")} req/s", Ratio(floor / direct), "—", "—", "—",
        ];
    }

    private string[] FloorCpu()
    {
        var floor = results.Median("c32", Floor, "gateway_cpu_us");
        var gateway = results.Median("c32", Gateway, "gateway_cpu_us");
        return
        [
            "Reference, a bare forwarder: 32 connections CPU per request", "—", $"forwarder {F(floor, "0")} µs", "—",
            $"gateway's own {Signed(gateway - floor, "0")} µs", "—", "—",
        ];
    }

    /// <summary>Gaps are preserved when the gateway's median gap is within 1 ms of the direct one (the pace is 5 ms).</summary>
    private string[] Gaps()
    {
        var direct = results.Median("stream", Direct, "gap_p50_us") / 1000;
        var gateway = results.Median("stream", Gateway, "gap_p50_us") / 1000;
        var directMin = results.Median("stream", Direct, "gap_min_us") / 1000;
        var gatewayMin = results.Median("stream", Gateway, "gap_min_us") / 1000;
        return
        [
            "Streaming: gap between events p50 (min)", $"{Ms(direct)} ({Ms(directMin)})", $"{Ms(gateway)} ({Ms(gatewayMin)})",
            Ratio(gateway / direct), $"{Signed(gateway - direct)} ms", "gaps preserved (p50 within 1 ms)", Met(Math.Abs(gateway - direct) <= 1),
        ];
    }

    /// <summary>
    /// Events arrive separately when every answer has all of them and the gateway merges no more gaps than the direct path does in the
    /// same run: on a busy machine the client itself sometimes reads two events at once, and that is not the gateway's doing.
    /// </summary>
    private string[] Events()
    {
        string Of(string target) =>
            $"{F(results.Min("stream", target, "events"), "0")} events, {F(MergedShare(target), "0.0")} % of gaps merged";
        var separate = results.Min("stream", Gateway, "events") == expectedEvents && results.Max("stream", Gateway, "incomplete") == 0
            && MergedShare(Gateway) <= MergedShare(Direct) + 5;
        return
        [
            "Streaming: events per answer (fewest), gaps merged", Of(Direct), Of(Gateway), "—", $"{Signed(MergedShare(Gateway) - MergedShare(Direct), "0.0")} points",
            $"{F(expectedEvents, "0")} separate events (merged ≤ direct + 5 points)", Met(separate),
        ];
    }

    /// <summary>The median share of gaps (in %) where an event arrived together with the previous one.</summary>
    private double MergedShare(string target) =>
        results.Median("stream", target, "merged") * 100 / (results.Median("stream", target, "requests") * (expectedEvents - 1));

    /// <summary>The first seconds of load on a fresh gateway, against the warmed-up direct path: what tiered compilation costs.</summary>
    private string[] First()
    {
        var direct = results.Median("c32", Direct, "rps");
        var first = results.Median("first", Gateway, "rps");
        return
        [
            "Non-streaming, 32 connections: throughput in the gateway's first seconds", $"{F(direct, "0")} req/s", $"{F(first, "0")} req/s",
            Ratio(first / direct), "—", "— (tiered compilation at work)", "—",
        ];
    }

    private string[] PeakRss()
    {
        var peak = results.Median("soak", Gateway, "hwm_kb") / 1024;
        var requests = results.Median("soak", Gateway, "requests");
        return [$"Memory: peak RSS over {F(requests, "0")} requests at 32 connections", "—", $"{F(peak, "0.0")} MB", "—", "—", "≤ 150 MB", Met(peak <= 150)];
    }

    /// <summary>RSS after the first half of the soak against after the second; growth within 5 % counts as none (GC heap sizing moves).</summary>
    private string[] RssGrowth()
    {
        var half = results.Median("soak", Gateway, "rss_half_kb") / 1024;
        var end = results.Median("soak", Gateway, "rss_end_kb") / 1024;
        return
        [
            "Memory: RSS after the first half → after the second half", "—", $"{F(half, "0.0")} → {F(end, "0.0")} MB", "—",
            $"{Signed(end - half)} MB", "no growth (≤ 5 %)", Met(end - half <= half * 0.05),
        ];
    }

    private string[] Allocations()
    {
        var perRequest = results.Median("soak", Gateway, "alloc_per_req_bytes") / 1024;
        return ["Memory: allocated per proxied non-streaming request (second half)", "—", $"{F(perRequest, "0.0")} KB", "—", "—", "≤ 16 KB", Met(perRequest <= 16)];
    }

    private string[] ColdStart()
    {
        var ms = results.Median("coldstart", Gateway, "coldstart_ms");
        return ["Cold start: process start → first chat completion served", "—", $"{F(ms, "0")} ms", "—", "—", "≤ 1500 ms", Met(ms <= 1500)];
    }

    private string Met(bool? met) => met switch
    {
        null => "—",
        _ when smoke => "not judged (smoke)",
        true => "yes",
        false => "**no**",
    };

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : $"{F(ms, "0.000")} ms";

    private static string Ratio(double ratio) => double.IsNaN(ratio) || double.IsInfinity(ratio) ? "n/a" : $"{F(ratio, "0.00")} ×";

    private static string Signed(double value, string format = "0.000") => double.IsNaN(value) ? "n/a" : (value >= 0 ? "+" : "−") + F(Math.Abs(value), format);

    private static string F(double value, string format) => double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
