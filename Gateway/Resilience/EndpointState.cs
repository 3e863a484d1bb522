using Gateway.Backends;
using Gateway.Configuration;

namespace Gateway.Resilience;

/// <summary>
/// The live state of one endpoint, its circuit breaker: consecutive failures, until when it cools down, whether its one half-open
/// probe is out, and what its last failure was (so a request that skips it can say why). Shared by every request, locked per endpoint.
/// </summary>
internal sealed class EndpointState
{
    private int _failures;
    private DateTimeOffset? _until;
    private bool _probing;
    private string? _lastFailure;
    private bool _askedToWait;

    public Admission Admit(DateTimeOffset now)
    {
        lock (this)
        {
            if (_until is not { } until)
            {
                return Admission.Open;
            }

            var left = until - now;
            if (left > TimeSpan.Zero)
            {
                return Admission.Cooling(left, _lastFailure);
            }

            if (_probing)
            {
                return Admission.Cooling(TimeSpan.Zero, _lastFailure);
            }

            _probing = true;
            return Admission.Probe;
        }
    }

    /// <summary>How long it still cools down; null when it is available (or ready for its probe).</summary>
    public TimeSpan? CoolingFor(DateTimeOffset now)
    {
        lock (this)
        {
            var left = _until - now;
            return left > TimeSpan.Zero ? left : _probing ? TimeSpan.Zero : null;
        }
    }

    /// <summary>How long it still cools down (null when it does not) and its last failure, without claiming its probe.</summary>
    public (TimeSpan? Left, string? LastFailure) Describe(DateTimeOffset now)
    {
        lock (this)
        {
            var left = _until - now;
            return (left > TimeSpan.Zero ? left : null, _lastFailure);
        }
    }

    public void Succeeded()
    {
        lock (this)
        {
            _failures = 0;
            _until = null;
            _probing = false;
            _lastFailure = null;
            _askedToWait = false;
        }
    }

    /// <summary>Counts a failure that reflects on the endpoint; returns the cooldown it started, if it started one.</summary>
    public TimeSpan? Failed(UpstreamFailure failure, CooldownSettings settings, DateTimeOffset now)
    {
        lock (this)
        {
            _failures++;
            _lastFailure = failure.Message;
            var probeFailed = _probing;
            _probing = false;
            if (!probeFailed && _failures < settings.FailuresBeforeCooldown && !FailureClass.IsOverloaded(failure))
            {
                return null;
            }

            var cooldown = failure.RetryAfter is { } asked && asked > settings.Cooldown ? asked : settings.Cooldown;
            _until = now + cooldown;
            _askedToWait = failure.RetryAfter is not null || FailureClass.IsOverloaded(failure);
            return cooldown;
        }
    }

    /// <summary>
    /// Claims the probe before the cooldown has passed; false when another request holds it, or when the endpoint itself asked for
    /// the wait (a 429 or 529, a <c>Retry-After</c>): that wait is the upstream's to set, and is honoured.
    /// </summary>
    public bool ClaimEarlyProbe()
    {
        lock (this)
        {
            if (_probing || _askedToWait)
            {
                return false;
            }

            _probing = true;
            return true;
        }
    }

    /// <summary>A probe ended without a verdict (the client left): the next request may probe instead.</summary>
    public void Abandoned()
    {
        lock (this)
        {
            _probing = false;
        }
    }
}
