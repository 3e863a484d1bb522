using System.Collections.Concurrent;
using Gateway.Backends;
using Gateway.Configuration;

namespace Gateway.Resilience;

/// <summary>
/// The circuit breaker of every endpoint, keyed by endpoint (backend, URL and Azure deployment), not by backend: after
/// <c>failures_before_cooldown</c> consecutive failures, or at once on a 429/529, the endpoint cools down for <c>cooldown_seconds</c>
/// (at least as long as its <c>Retry-After</c> asked). Cooling endpoints are ordered last by the pools and skipped by the dispatcher.
/// When the cooldown has passed one request is let through as a probe (half-open): its success closes the breaker, its failure
/// opens it again. Live state, shared by every request and kept across config reloads.
/// </summary>
internal sealed class EndpointHealth(CooldownSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Breaker> _breakers = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a request may use the endpoint now. <see cref="Admission.Probe"/> means this request is the one probe of a half-open
    /// endpoint: it must report how it went (<see cref="Succeeded"/>, <see cref="Failed"/> or <see cref="Abandoned"/>).
    /// </summary>
    public Admission Admit(string key)
    {
        if (!_breakers.TryGetValue(key, out var breaker))
        {
            return Admission.Open;
        }

        lock (breaker)
        {
            if (breaker.Until is not { } until)
            {
                return Admission.Open;
            }

            var left = until - time.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                return Admission.Cooling(left, breaker.LastFailure);
            }

            if (breaker.Probing)
            {
                return Admission.Cooling(TimeSpan.Zero, breaker.LastFailure);
            }

            breaker.Probing = true;
            return Admission.Probe;
        }
    }

    /// <summary>How long <paramref name="key"/> still cools down; null when it is available (or ready for its probe).</summary>
    public TimeSpan? CoolingFor(string key)
    {
        if (!_breakers.TryGetValue(key, out var breaker))
        {
            return null;
        }

        lock (breaker)
        {
            var left = breaker.Until - time.GetUtcNow();
            return left > TimeSpan.Zero ? left : breaker.Probing ? TimeSpan.Zero : null;
        }
    }

    /// <summary>The endpoint answered: its count of consecutive failures starts over and a probe closes the breaker.</summary>
    public void Succeeded(string key)
    {
        if (!_breakers.TryGetValue(key, out var breaker))
        {
            return;
        }

        lock (breaker)
        {
            breaker.Failures = 0;
            breaker.Until = null;
            breaker.Probing = false;
            breaker.LastFailure = null;
        }
    }

    /// <summary>
    /// The endpoint failed. Failures that do not reflect on it (a wrong key, a missing model, a bad request) count as answers.
    /// Returns the cooldown it started, if it started one.
    /// </summary>
    public TimeSpan? Failed(string key, UpstreamFailure failure)
    {
        if (!FailureClass.CountsAgainstEndpoint(failure))
        {
            Succeeded(key);
            return null;
        }

        var breaker = _breakers.GetOrAdd(key, static _ => new Breaker());
        TimeSpan cooldown;
        lock (breaker)
        {
            breaker.Failures++;
            breaker.LastFailure = failure.Message;
            var probeFailed = breaker.Probing;
            breaker.Probing = false;
            if (!probeFailed && breaker.Failures < settings.FailuresBeforeCooldown && !FailureClass.IsOverloaded(failure))
            {
                return null;
            }

            cooldown = failure.RetryAfter is { } asked && asked > settings.Cooldown ? asked : settings.Cooldown;
            breaker.Until = time.GetUtcNow() + cooldown;
        }

        return cooldown;
    }

    /// <summary>A probe ended without a verdict (the client left): the next request may probe instead.</summary>
    public void Abandoned(string key)
    {
        if (_breakers.TryGetValue(key, out var breaker))
        {
            lock (breaker)
            {
                breaker.Probing = false;
            }
        }
    }

    /// <summary>The key of one endpoint: <c>ollama http://gpu1:11434</c>, <c>azure https://x.openai.azure.com#gpt-4</c>.</summary>
    public static string Key(string backend, string url, string? deployment) =>
        deployment is null ? string.Concat(backend, " ", url) : string.Concat(backend, " ", url, "#", deployment);

    private sealed class Breaker
    {
        public int Failures;
        public DateTimeOffset? Until;
        public bool Probing;

        /// <summary>What the endpoint's last failure was, so that a request skipping it can say why it cools down.</summary>
        public string? LastFailure;
    }
}

/// <summary>
/// Whether a request may use an endpoint: open, the one probe after a cooldown, or cooling down for <see cref="Left"/> after
/// <see cref="LastFailure"/>.
/// </summary>
internal readonly record struct Admission(AdmissionKind Kind, TimeSpan Left, string? LastFailure = null)
{
    public static readonly Admission Open = new(AdmissionKind.Open, TimeSpan.Zero);
    public static readonly Admission Probe = new(AdmissionKind.Probe, TimeSpan.Zero);

    public bool IsAllowed => Kind is not AdmissionKind.Cooling;

    public static Admission Cooling(TimeSpan left, string? lastFailure) => new(AdmissionKind.Cooling, left, lastFailure);
}

internal enum AdmissionKind
{
    Open,
    Probe,
    Cooling,
}
