namespace Gateway.Telemetry;

/// <summary>Response headers about what a request cost, in time and money.</summary>
internal static class ObservabilityHeaders
{
    /// <summary>Milliseconds the gateway itself spent on the request, upstream attempts excluded (for streams: up to the first event).</summary>
    public const string OverheadMs = "x-gateway-overhead-ms";

    /// <summary>What the answer cost in US dollars; absent on streams (not known when headers are sent) and for unpriced models.</summary>
    public const string CostUsd = "x-gateway-cost-usd";

    /// <summary><c>true</c> when the upstream reported no usage and the tokens behind the cost are estimated.</summary>
    public const string UsageEstimated = "x-gateway-usage-estimated";
}
