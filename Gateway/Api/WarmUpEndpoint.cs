namespace Gateway.Api;

/// <summary>
/// <c>HEAD /</c> and <c>HEAD /api/hello</c>: the warm-up probe Claude Code sends to its base URL before the first request. Like
/// <c>GET /health</c> it says only that the process answers, so it needs no key and is never rate limited.
/// </summary>
internal static class WarmUpEndpoint
{
    public static IResult Answer() => TypedResults.Ok();
}
