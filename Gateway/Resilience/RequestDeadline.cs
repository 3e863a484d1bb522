namespace Gateway.Resilience;

/// <summary>
/// The end of a request's time budget, when the client set one (<c>x-gateway-timeout-seconds</c>): no attempt, retry or wait runs past
/// it. A request without one is bounded by its attempts' own timeouts.
/// </summary>
internal readonly record struct RequestDeadline(DateTimeOffset? At)
{
    public static readonly RequestDeadline None = new(null);

    public static RequestDeadline After(TimeSpan? budget, TimeProvider time) => budget is { } span ? new(time.GetUtcNow() + span) : None;

    /// <summary>Time left, or null without a deadline.</summary>
    public TimeSpan? Left(TimeProvider time) => At is { } at ? at - time.GetUtcNow() : null;

    /// <summary>The time one attempt may take now: <paramref name="limit"/>, shortened to what is left of the deadline.</summary>
    public TimeSpan Cap(TimeSpan limit, TimeProvider time) => Left(time) is { } left && left < limit ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : limit;
}
