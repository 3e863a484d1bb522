using System.Globalization;

namespace Gateway.Resilience;

/// <summary>
/// The end of a request's time budget, when the client set one (<c>x-gateway-timeout-seconds</c>): no attempt, retry or wait runs past
/// it. A request without one is bounded by its attempts' own timeouts.
/// </summary>
internal readonly record struct RequestDeadline(DateTimeOffset? At, TimeSpan? Budget)
{
    public static readonly RequestDeadline None = new(null, null);

    /// <summary>Less time than this left is no time: a try that short could only fail, so none is started.</summary>
    public static readonly TimeSpan Least = TimeSpan.FromMilliseconds(10);

    public static RequestDeadline After(TimeSpan? budget, TimeProvider time) => budget is { } span ? new(time.GetUtcNow() + span, span) : None;

    /// <summary>Time left, or null without a deadline.</summary>
    public TimeSpan? Left(TimeProvider time) => At is { } at ? at - time.GetUtcNow() : null;

    /// <summary>True when the deadline has passed, or so little is left that no try is worth starting.</summary>
    public bool IsSpent(TimeProvider time) => Left(time) is { } left && left < Least;

    /// <summary>The time one attempt may take now: <paramref name="limit"/>, shortened to what is left of the deadline.</summary>
    public TryLimit Cap(TimeSpan limit, TimeProvider time) => Left(time) is { } left && left < limit
        ? new TryLimit(left > TimeSpan.Zero ? left : TimeSpan.Zero, Budget)
        : new TryLimit(limit, null);
}

/// <summary>How long one try may take, and whether the request's budget (rather than the configured timeout) set it, for messages.</summary>
internal readonly record struct TryLimit(TimeSpan Time, TimeSpan? Budget)
{
    /// <summary><c>0.3 s</c>, or <c>the request's 2 s budget</c>.</summary>
    public override string ToString() => Budget is { } budget ? $"the request's {Seconds(budget)} s budget" : $"{Seconds(Time)} s";

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
