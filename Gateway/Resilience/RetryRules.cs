namespace Gateway.Resilience;

/// <summary>When a failed try is retried on the same endpoint rather than the plan moving on.</summary>
/// <param name="MaxWait">The longest <c>Retry-After</c> worth waiting for (<c>max_retry_wait_seconds</c>); a longer one moves on at once.</param>
/// <param name="TimeoutMovesOn">A try that timed out goes to another endpoint of the pool instead of waiting on this one again.</param>
internal readonly record struct RetryRules(TimeSpan MaxWait, bool TimeoutMovesOn)
{
    public static readonly RetryRules Default = new(AttemptLimits.Default.MaxRetryWait, false);
}
