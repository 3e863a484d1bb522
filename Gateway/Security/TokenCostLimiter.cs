using System.Threading.RateLimiting;
using Gateway.Runtime;

namespace Gateway.Security;

/// <summary>
/// <c>tokens_per_minute</c> as a limiter the rate-limiting middleware can chain: it charges each request its estimated input tokens
/// (<see cref="RequestCost"/>) instead of one permit. A request estimated above the whole minute's budget is charged the budget, so it
/// waits for a full bucket rather than being refused for ever.
/// </summary>
internal sealed class TokenCostLimiter : PartitionedRateLimiter<HttpContext>
{
    private readonly PartitionedRateLimiter<HttpContext> _buckets;

    public TokenCostLimiter()
    {
        _buckets = PartitionedRateLimiter.Create<HttpContext, RatePartition>(context =>
            TokensPerMinute(context) is int limit ? RatePartition.For(ClientIdentity.Of(context).Name, limit) : RatePartition.Unlimited);
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => _buckets.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        Cost(resource) is int cost and > 0 ? _buckets.AttemptAcquire(resource, cost) : GrantedLease.Instance;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        Cost(resource) is int cost and > 0 ? _buckets.AcquireAsync(resource, cost, cancellationToken) : ValueTask.FromResult<RateLimitLease>(GrantedLease.Instance);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buckets.Dispose();
        }

        base.Dispose(disposing);
    }

    private static int? TokensPerMinute(HttpContext context) => RequestSnapshot.Of(context).Config.Server.RateLimit?.TokensPerMinute;

    private static int? Cost(HttpContext resource) => TokensPerMinute(resource) is int limit ? Math.Min(RequestCost.Of(resource), limit) : null;
}
