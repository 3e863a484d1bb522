using Gateway.Configuration;

namespace Gateway.Resilience;

/// <summary>
/// The limits one attempt runs under, every value resolved: the most specific of tool, backend and <c>global_defaults</c> that sets it,
/// else the built-in default (120 s to answer or to the first streamed event, 60 s of silence inside a stream, 1 retry, no truncation,
/// 600 s for the whole request, 5 s the longest <c>Retry-After</c> waited for).
/// </summary>
internal sealed record AttemptLimits
{
    public static readonly AttemptLimits Default = new();

    /// <summary>A non-streamed attempt's whole time; a streamed attempt's time to its first event.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The longest silence allowed between two streamed events.</summary>
    public TimeSpan StreamIdle { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a transient failure on the same endpoint before the plan moves on.</summary>
    public int MaxRetries { get; init; } = 1;

    /// <summary>Drop the oldest turns of a prompt that fits no candidate, instead of answering 400.</summary>
    public bool TruncatePrompts { get; init; }

    /// <summary>A request's whole life: every try, retry wait and fallback, and a stream up to its last event.</summary>
    public TimeSpan MaxRequest { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>
    /// The longest wait an upstream's <c>Retry-After</c> may ask for before a retry on the same endpoint; a longer one moves on to
    /// the next candidate at once.
    /// </summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Resolves the limits from the most specific layer first (tool, backend, global defaults); null layers are skipped.</summary>
    public static AttemptLimits Resolve(ResilienceSettings? first, ResilienceSettings? second = null, ResilienceSettings? third = null)
    {
        if (IsEmpty(first) && IsEmpty(second) && IsEmpty(third))
        {
            return Default;
        }

        return new AttemptLimits
        {
            Timeout = Seconds(first?.TimeoutSeconds ?? second?.TimeoutSeconds ?? third?.TimeoutSeconds) ?? Default.Timeout,
            StreamIdle = Seconds(first?.StreamIdleTimeoutSeconds ?? second?.StreamIdleTimeoutSeconds ?? third?.StreamIdleTimeoutSeconds) ?? Default.StreamIdle,
            MaxRetries = first?.MaxRetries ?? second?.MaxRetries ?? third?.MaxRetries ?? Default.MaxRetries,
            TruncatePrompts = first?.TruncatePrompts ?? second?.TruncatePrompts ?? third?.TruncatePrompts ?? Default.TruncatePrompts,
            MaxRequest = Seconds(first?.MaxRequestSeconds ?? second?.MaxRequestSeconds ?? third?.MaxRequestSeconds) ?? Default.MaxRequest,
            MaxRetryWait = Seconds(first?.MaxRetryWaitSeconds ?? second?.MaxRetryWaitSeconds ?? third?.MaxRetryWaitSeconds) ?? Default.MaxRetryWait,
        };
    }

    /// <summary>These limits with <paramref name="overrides"/> (a tool's settings) taking precedence where they say something.</summary>
    public AttemptLimits With(ResilienceSettings? overrides)
    {
        if (IsEmpty(overrides))
        {
            return this;
        }

        return new AttemptLimits
        {
            Timeout = Seconds(overrides!.TimeoutSeconds) ?? Timeout,
            StreamIdle = Seconds(overrides.StreamIdleTimeoutSeconds) ?? StreamIdle,
            MaxRetries = overrides.MaxRetries ?? MaxRetries,
            TruncatePrompts = overrides.TruncatePrompts ?? TruncatePrompts,
            MaxRequest = Seconds(overrides.MaxRequestSeconds) ?? MaxRequest,
            MaxRetryWait = Seconds(overrides.MaxRetryWaitSeconds) ?? MaxRetryWait,
        };
    }

    private static bool IsEmpty(ResilienceSettings? settings) => settings is null || ReferenceEquals(settings, ResilienceSettings.None);

    private static TimeSpan? Seconds(double? seconds) => seconds is { } value ? TimeSpan.FromSeconds(value) : null;
}
