using System.Threading.RateLimiting;

namespace Gateway.Security;

/// <summary>
/// One token bucket per client and limit. A bucket holds a minute's worth and refills continuously, so a client may burst up to its
/// per-minute limit and then proceeds at the limit's pace. A reload that changes a limit starts new buckets (the key holds the limit).
/// </summary>
internal readonly record struct RatePartition(string Client, int PerMinute)
{
    /// <summary>The partition for <paramref name="client"/> under <paramref name="perMinute"/>.</summary>
    public static RateLimitPartition<RatePartition> For(string client, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(new RatePartition(client, perMinute), partition => Bucket(partition.PerMinute));

    public static RateLimitPartition<RatePartition> Unlimited { get; } = RateLimitPartition.GetNoLimiter(new RatePartition("", 0));

    /// <summary>
    /// Refills one token every 60/<paramref name="perMinute"/> seconds while that is at least 0.1 s (the limiter's refill tick),
    /// else perMinute/60 tokens every second.
    /// </summary>
    internal static TokenBucketRateLimiterOptions Bucket(int perMinute)
    {
        var (tokens, period) = perMinute <= 600
            ? (1, TimeSpan.FromMinutes(1) / perMinute)
            : ((int)Math.Ceiling(perMinute / 60.0), TimeSpan.FromSeconds(1));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
