namespace Gateway.Configuration;

/// <summary>
/// Per-attempt limits as written in one place of the file: <c>llm.global_defaults</c>, a backend section or a tool. Every value is
/// optional; the effective value is the tool's, else the backend's, else the global default's, else the built-in default.
/// </summary>
internal sealed record ResilienceSettings
{
    public static readonly ResilienceSettings None = new();

    /// <summary><c>timeout_seconds</c>: a non-streamed attempt's whole time, a streamed attempt's time to its first event.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary><c>stream_idle_timeout_seconds</c>: the longest silence between two streamed events.</summary>
    public double? StreamIdleTimeoutSeconds { get; init; }

    /// <summary><c>max_retries</c>: retries of a transient failure on the same endpoint before the plan moves on.</summary>
    public int? MaxRetries { get; init; }

    /// <summary><c>truncate_prompts</c>: drop the oldest turns of a prompt no candidate's context window holds, instead of a 400.</summary>
    public bool? TruncatePrompts { get; init; }

    /// <summary><c>max_request_seconds</c>: a request's whole life, every try, wait and a stream's last event included.</summary>
    public double? MaxRequestSeconds { get; init; }

    /// <summary><c>max_retry_wait_seconds</c>: the longest <c>Retry-After</c> worth waiting for on the same endpoint.</summary>
    public double? MaxRetryWaitSeconds { get; init; }
}

/// <summary><c>llm.resilience</c>: when an endpoint leaves its pool, and for how long.</summary>
internal sealed record CooldownSettings
{
    public static readonly CooldownSettings Default = new();

    /// <summary><c>failures_before_cooldown</c>: consecutive failures after which an endpoint cools down. Default 3.</summary>
    public int FailuresBeforeCooldown { get; init; } = 3;

    /// <summary><c>cooldown_seconds</c>: how long a failing endpoint is left out (at least what its <c>Retry-After</c> asked). Default 30.</summary>
    public double CooldownSeconds { get; init; } = 30;

    public TimeSpan Cooldown => TimeSpan.FromSeconds(CooldownSeconds);
}
