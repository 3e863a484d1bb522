using Gateway.Backends;

namespace Gateway.Security;

/// <summary>
/// The input tokens a request is charged against <c>server.rate_limit.tokens_per_minute</c>: its body by <see cref="TokenEstimator"/>, an
/// estimate that needs no tokenizer. Output tokens are not known in advance and are not charged.
/// </summary>
internal sealed record RequestCost(int Tokens)
{
    public static RequestCost FromBytes(long bytes) => new((int)Math.Min(int.MaxValue, TokenEstimator.FromBytes(bytes)));

    public static int Of(HttpContext context) => context.Features.Get<RequestCost>()?.Tokens ?? 0;
}
