namespace Gateway.Telemetry;

/// <summary>
/// Histogram bucket boundaries on the scale of what they measure (the instruments' advice), as the OpenTelemetry GenAI semantic
/// conventions give them; without advice a histogram in seconds would get the SDK's millisecond-scale defaults (0 to 10,000).
/// </summary>
internal static class MetricBuckets
{
    /// <summary><c>gen_ai.client.operation.duration</c>: 10 ms doubling to 81.92 s.</summary>
    public static readonly double[] OperationSeconds = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    /// <summary>Time to the first token: 1 ms to 10 s, finest where local models and caches answer.</summary>
    public static readonly double[] FirstTokenSeconds = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0];

    /// <summary><c>gen_ai.client.token.usage</c>: powers of 4 from 1 to 67,108,864.</summary>
    public static readonly long[] Tokens = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
}
