using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Configuration;
using Gateway.Exchange;
using Gateway.Runtime;
using Gateway.Surfaces;
using Microsoft.AspNetCore.RateLimiting;

namespace Gateway.Security;

/// <summary>
/// <c>server.rate_limit</c> on ASP.NET Core's rate limiter: requests per minute and estimated input tokens per minute, each partitioned
/// per gateway key (or per client address when no keys are configured). A refused request gets 429 with <c>Retry-After</c>.
/// <c>GET /health</c> is never limited. Limits are read from the config in force, so a reload changes them.
/// </summary>
internal static class GatewayRateLimits
{
    public static void Configure(RateLimiterOptions options)
    {
        var requests = PartitionedRateLimiter.Create<HttpContext, RatePartition>(context =>
            RequestSnapshot.Of(context).Config.Server.RateLimit?.RequestsPerMinute is int limit && !ApiKeyMiddleware.IsProbe(context.Request)
                ? RatePartition.For(ClientIdentity.Of(context).Name, limit)
                : RatePartition.Unlimited);

        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(requests, new TokenCostLimiter());
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (rejected, _) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
            var limits = RequestSnapshot.Of(rejected.HttpContext).Config.Server.RateLimit ?? new RateLimitConfig();
            return new ValueTask(ErrorResponses.WriteAsync(rejected.HttpContext, Refusal(ClientIdentity.Of(rejected.HttpContext), limits, retryAfter)));
        };
    }

    internal static ApiError Refusal(ClientIdentity client, RateLimitConfig limits, TimeSpan retryAfter)
    {
        var allowed = new List<string>(2);
        if (limits.RequestsPerMinute is int requests)
        {
            allowed.Add($"{requests.ToString(CultureInfo.InvariantCulture)} requests");
        }

        if (limits.TokensPerMinute is int tokens)
        {
            allowed.Add($"{tokens.ToString(CultureInfo.InvariantCulture)} input tokens (estimated as body bytes / 4)");
        }

        var who = client.ByKey ? $"this API key ({client.Name} of server.api_keys)" : $"this client ({client.Name})";
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return new ApiError(
            429,
            $"Rate limit reached for {who}: server.rate_limit allows {string.Join(" and ", allowed)} per minute. Retry after {seconds} s.",
            null,
            "rate_limit_exceeded")
        {
            RetryAfter = retryAfter,
        };
    }
}
