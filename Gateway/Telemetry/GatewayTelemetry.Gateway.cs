using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gateway.Routing;

namespace Gateway.Telemetry;

/// <summary>The gateway's own instruments beyond the GenAI conventions: cost and the time the gateway itself adds.</summary>
internal static partial class GatewayTelemetry
{
    private static readonly Counter<double> Cost = Meter.CreateCounter<double>(
        "gateway.cost.usd", "{USD}", "What answers cost in US dollars at the configured prices");

    private static readonly Histogram<double> Overhead = Meter.CreateHistogram<double>(
        "gateway.overhead", "s", "Time a request spent in the gateway itself, excluding upstream attempts",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05] });

    /// <summary>Adds what an answer of <paramref name="candidate"/> cost.</summary>
    public static void RecordCost(Candidate candidate, decimal usd)
    {
        if (usd > 0)
        {
            Cost.Add((double)usd, new TagList { { "gateway.backend", candidate.Backend.Name }, { "gen_ai.request.model", candidate.ModelLabel } });
        }
    }

    /// <summary>Records the time the gateway itself added to a dispatched request.</summary>
    public static void RecordOverhead(string operation, TimeSpan overhead) =>
        Overhead.Record(Math.Max(0, overhead.TotalSeconds), new TagList { { "gen_ai.operation.name", operation } });
}
