using System.Globalization;

namespace Gateway.Resilience;

/// <summary>
/// The end of a request's whole life: the client's budget (<c>x-gateway-timeout-seconds</c>) when it set a shorter one, else
/// <c>max_request_seconds</c>. No attempt, retry, wait or streamed event runs past it.
/// </summary>
/// <param name="Setting">What set it, for messages: the header or the config key.</param>
internal readonly record struct RequestDeadline(DateTimeOffset? At, TimeSpan? Budget, string? Setting = null)
{
    public const string TimeoutHeader = "x-gateway-timeout-seconds";
    public const string MaxRequestKey = "max_request_seconds";

    public static readonly RequestDeadline None = new(null, null);

    /// <summary>Less time than this left is no time: a try that short could only fail, so none is started.</summary>
    public static readonly TimeSpan Least = TimeSpan.FromMilliseconds(10);

    /// <summary>The client's budget, as set by its header.</summary>
    public static RequestDeadline After(TimeSpan? budget, TimeProvider time) =>
        budget is { } span ? new(time.GetUtcNow() + span, span, TimeoutHeader) : None;

    /// <summary>The sooner of the client's <paramref name="budget"/> and the configured <paramref name="maxRequest"/>.</summary>
    public static RequestDeadline For(TimeSpan? budget, TimeSpan maxRequest, TimeProvider time) =>
        budget is { } span && span <= maxRequest ? After(span, time) : new(time.GetUtcNow() + maxRequest, maxRequest, MaxRequestKey);

    /// <summary>Time left, or null without a deadline.</summary>
    public TimeSpan? Left(TimeProvider time) => At is { } at ? at - time.GetUtcNow() : null;

    /// <summary>True when the deadline has passed, or so little is left that no try is worth starting.</summary>
    public bool IsSpent(TimeProvider time) => Left(time) is { } left && left < Least;

    /// <summary>The time one attempt may take now: <paramref name="limit"/>, shortened to what is left of the deadline.</summary>
    public TryLimit Cap(TimeSpan limit, TimeProvider time) => Left(time) is { } left && left < limit
        ? new TryLimit(left > TimeSpan.Zero ? left : TimeSpan.Zero, Budget, Setting)
        : new TryLimit(limit, null);

    /// <summary><c>the request's 2 s budget</c> (the client's), <c>the request's 600 s limit (max_request_seconds)</c>.</summary>
    public string Describe() => Describe(Budget ?? TimeSpan.Zero, Setting);

    internal static string Describe(TimeSpan budget, string? setting) => setting == MaxRequestKey
        ? $"the request's {TryLimit.Seconds(budget)} s limit ({MaxRequestKey})"
        : $"the request's {TryLimit.Seconds(budget)} s budget";
}

/// <summary>
/// How long one try may take, and whether the request's deadline (rather than the configured timeout) set it, for messages and for
/// telling the endpoint's slowness from the request running out of time.
/// </summary>
internal readonly record struct TryLimit(TimeSpan Time, TimeSpan? Budget, string? Setting = null)
{
    /// <summary><c>0.3 s</c>, or <c>the request's 2 s budget</c>.</summary>
    public override string ToString() => Budget is { } budget ? RequestDeadline.Describe(budget, Setting) : $"{Seconds(Time)} s";

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
