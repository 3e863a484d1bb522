using Gateway.Configuration;

namespace Gateway.Exchange;

/// <summary>
/// The body limits in force for one request (from the config snapshot it arrived under), kept on the request as a feature so the body
/// reader and the parser apply them without depending on the configuration.
/// </summary>
internal sealed record RequestLimits(int MaxRequestBytes, int MaxJsonDepth, int MaxMessages)
{
    public static readonly RequestLimits Default = From(new ServerConfig());

    public static RequestLimits From(ServerConfig server) => new(server.MaxRequestBytes, server.MaxJsonDepth, server.MaxMessages);

    /// <summary>The limits recorded on <paramref name="context"/>, else the defaults.</summary>
    public static RequestLimits For(HttpContext context) => context.Features.Get<RequestLimits>() ?? Default;

    /// <summary>A byte count for people: <c>10 MB</c>, <c>512 KB</c>, <c>900 bytes</c>.</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KB",
        _ => $"{bytes} bytes",
    };

    /// <summary>The refusal of a body larger than <paramref name="limit"/>.</summary>
    public static ApiError TooLarge(long? bytes, long limit) => new(
        413,
        $"The request body{(bytes is { } n ? $" is {n} bytes; it" : "")} is larger than the {Describe(limit)} this gateway accepts (server.max_request_bytes).",
        null,
        "request_too_large");
}
