using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gateway.Routing;

namespace Gateway.Telemetry;

/// <summary>The gateway's own instruments beyond the GenAI conventions: retries, cooldowns, cost and the time the gateway itself adds.</summary>
internal static partial class GatewayTelemetry
{
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "gateway.retries", "{retry}", "Attempts repeated on the same endpoint after a transient failure");

    private static readonly Counter<long> Cooldowns = Meter.CreateCounter<long>(
        "gateway.cooldowns", "{cooldown}", "Times an endpoint was taken out of rotation after repeated failures");

    private static readonly Counter<double> Cost = Meter.CreateCounter<double>(
        "gateway.cost.usd", "{USD}", "What answers cost in US dollars at the configured prices");

    private static readonly Histogram<double> Overhead = Meter.CreateHistogram<double>(
        "gateway.overhead", "s", "Time a request spent in the gateway itself, excluding upstream attempts",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05] });

    /// <summary>Counts an attempt repeated on <paramref name="candidate"/>'s endpoint; <paramref name="reason"/> is the failure's <c>error.type</c>.</summary>
    public static void RecordRetry(Candidate candidate, string reason) =>
        Retries.Add(1, new TagList { { "gateway.backend", candidate.Backend.Name }, { "gateway.endpoint", candidate.Endpoint }, { "gateway.reason", reason } });

    /// <summary>Counts an endpoint of <paramref name="candidate"/>'s backend entering its cooldown.</summary>
    public static void RecordCooldownEntered(Candidate candidate, string reason) =>
        Cooldowns.Add(1, new TagList { { "gateway.backend", candidate.Backend.Name }, { "gateway.endpoint", candidate.Endpoint }, { "gateway.reason", reason } });

    /// <summary>Adds what an answer of <paramref name="candidate"/> cost.</summary>
    public static void RecordCost(Candidate candidate, decimal usd)
    {
        if (usd > 0)
        {
            Cost.Add((double)usd, new TagList { { "gateway.backend", candidate.Backend.Name }, { "gen_ai.request.model", candidate.Model } });
        }
    }

    /// <summary>Records the time the gateway itself added to a dispatched request.</summary>
    public static void RecordOverhead(string operation, TimeSpan overhead) =>
        Overhead.Record(Math.Max(0, overhead.TotalSeconds), new TagList { { "gen_ai.operation.name", operation } });
}
