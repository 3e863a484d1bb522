using System.Collections.Concurrent;
using Gateway.Backends;
using Gateway.Configuration;

namespace Gateway.Resilience;

/// <summary>
/// The circuit breaker of every endpoint, one <see cref="EndpointState"/> each, keyed by endpoint (backend, URL and Azure deployment),
/// not by backend: after <c>failures_before_cooldown</c> consecutive failures, or at once on a 429/529, the endpoint cools down for
/// <c>cooldown_seconds</c> (at least as long as its <c>Retry-After</c> asked). Cooling endpoints are ordered last by the pools and
/// skipped by the dispatcher. When the cooldown has passed one request is let through as a probe (half-open): its success closes the
/// breaker, its failure opens it again. The settings come with each failure from the config the request started with, so a reload
/// applies to the next failure; the states are kept across reloads, and an endpoint's is dropped when it leaves the config.
/// </summary>
internal sealed class EndpointHealth(TimeProvider time)
{
    private readonly ConcurrentDictionary<EndpointId, EndpointState> _states = new();

    /// <summary>Endpoints with live state (for tests and pruning).</summary>
    public int Count => _states.Count;

    /// <summary>
    /// Whether a request may use the endpoint now. <see cref="Admission.Probe"/> means this request is the one probe of a half-open
    /// endpoint: it must report how it went (<see cref="Succeeded"/>, <see cref="Failed"/> or <see cref="Abandoned"/>).
    /// </summary>
    public Admission Admit(EndpointId endpoint) =>
        _states.TryGetValue(endpoint, out var state) ? state.Admit(time.GetUtcNow()) : Admission.Open;

    /// <summary>How long <paramref name="endpoint"/> still cools down; null when it is available (or ready for its probe).</summary>
    public TimeSpan? CoolingFor(EndpointId endpoint) =>
        _states.TryGetValue(endpoint, out var state) ? state.CoolingFor(time.GetUtcNow()) : null;

    /// <summary>What the breaker of <paramref name="endpoint"/> knows, for reports: cooling for how long, and its last failure.</summary>
    public (TimeSpan? Left, string? LastFailure) Describe(EndpointId endpoint) =>
        _states.TryGetValue(endpoint, out var state) ? state.Describe(time.GetUtcNow()) : (null, null);

    /// <summary>The endpoint answered: its count of consecutive failures starts over and a probe closes the breaker.</summary>
    public void Succeeded(EndpointId endpoint)
    {
        if (_states.TryGetValue(endpoint, out var state))
        {
            state.Succeeded();
        }
    }

    /// <summary>
    /// The endpoint failed. Failures that do not reflect on it (a wrong key, a missing model, a bad request) count as answers.
    /// Returns the cooldown it started, if it started one.
    /// </summary>
    public TimeSpan? Failed(EndpointId endpoint, UpstreamFailure failure, CooldownSettings settings)
    {
        if (!FailureClass.CountsAgainstEndpoint(failure))
        {
            Succeeded(endpoint);
            return null;
        }

        return _states.GetOrAdd(endpoint, static _ => new EndpointState()).Failed(failure, settings, time.GetUtcNow());
    }

    /// <summary>
    /// Claims the half-open probe of a cooling endpoint before its cooldown ends (when every candidate of a request cools down);
    /// false when another request holds it. The claimer must report as any probe does.
    /// </summary>
    public bool ClaimEarlyProbe(EndpointId endpoint) =>
        !_states.TryGetValue(endpoint, out var state) || state.ClaimEarlyProbe();

    /// <summary>A probe ended without a verdict (the client left): the next request may probe instead.</summary>
    public void Abandoned(EndpointId endpoint)
    {
        if (_states.TryGetValue(endpoint, out var state))
        {
            state.Abandoned();
        }
    }

    /// <summary>Drops the state of every endpoint <paramref name="config"/> no longer names (a backend or URL that left it).</summary>
    public void Retain(GatewayConfig config)
    {
        foreach (var endpoint in _states.Keys)
        {
            if (!config.Llm.Backends.TryGetValue(endpoint.Backend, out var backend) || !backend.Calls(endpoint.Url))
            {
                _states.TryRemove(endpoint, out _);
            }
        }
    }
}
