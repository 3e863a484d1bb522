using System.Globalization;
using Gateway.Configuration;
using Gateway.Exchange;

namespace Gateway.Dispatch;

/// <summary>
/// Per-request choices the dispatcher honours on top of the config: a tool's own resilience settings, and the client's opt-outs
/// (<c>x-gateway-fallback: none</c>, <c>x-gateway-timeout-seconds</c>).
/// </summary>
internal sealed record DispatchOptions
{
    public const string FallbackHeader = "x-gateway-fallback";
    public const string TimeoutHeader = "x-gateway-timeout-seconds";

    public static readonly DispatchOptions Default = new();

    /// <summary>The invoked tool's settings; they win over the backend's and the global defaults.</summary>
    public ResilienceSettings? Tool { get; init; }

    /// <summary>Only the first backend of the plan is tried (its other endpoints still are); no fallback backend.</summary>
    public bool NoFallback { get; init; }

    /// <summary>The whole request's time budget: it shortens every attempt's timeout, never lengthens one.</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>Reads the opt-out headers; a value that makes no sense is a 400 naming the header and what would be valid.</summary>
    public static DispatchOptions? FromHeaders(IHeaderDictionary headers, out ApiError? error)
    {
        error = null;
        var noFallback = false;
        if (headers.TryGetValue(FallbackHeader, out var fallback) && fallback.ToString().Trim() is { Length: > 0 } mode)
        {
            if (mode.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                noFallback = true;
            }
            else if (!mode.Equals("auto", StringComparison.OrdinalIgnoreCase))
            {
                error = ApiError.BadRequest($"Header {FallbackHeader} is '{Truncate(mode)}'; valid values: none (try only the first backend), auto (the default).", FallbackHeader, "invalid_header");
                return null;
            }
        }

        TimeSpan? budget = null;
        if (headers.TryGetValue(TimeoutHeader, out var timeout) && timeout.ToString().Trim() is { Length: > 0 } text)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds <= 0 || seconds > 86_400)
            {
                error = ApiError.BadRequest($"Header {TimeoutHeader} is '{Truncate(text)}'; it must be a number of seconds greater than 0, such as 30 or 2.5.", TimeoutHeader, "invalid_header");
                return null;
            }

            budget = TimeSpan.FromSeconds(seconds);
        }

        return noFallback || budget is not null ? new DispatchOptions { NoFallback = noFallback, Budget = budget } : Default;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
