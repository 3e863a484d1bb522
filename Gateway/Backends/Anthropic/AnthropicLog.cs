using Microsoft.Extensions.Logging;

namespace Gateway.Backends.Anthropic;

internal static partial class AnthropicLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Anthropic answered with stop_reason '{StopReason}', which the gateway does not know; the client is told finish_reason 'stop'")]
    public static partial void UnknownStopReason(this ILogger logger, string stopReason);
}
