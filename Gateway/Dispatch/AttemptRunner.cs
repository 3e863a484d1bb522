using Gateway.Backends;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>
/// Runs the tries of one candidate inside its resilience pipeline and tells the endpoint's circuit breaker how each went: an answer
/// closes it, failures count toward its cooldown, a 429/529 opens it at once.
/// </summary>
internal sealed partial class AttemptRunner(AttemptPipelines pipelines, EndpointHealth health, TimeProvider time, ILogger<AttemptRunner> logger)
{
    private readonly TimeProvider _time = time;

    /// <summary>
    /// Tries <paramref name="candidate"/> up to 1 + <c>max_retries</c> times; returns null when a try succeeded, else the last failure.
    /// <paramref name="tryOnce"/> gets the try's time limit (for messages) and its token. <paramref name="probe"/> says this request is
    /// the endpoint's half-open probe, given back if the client leaves before a verdict.
    /// </summary>
    public async Task<UpstreamFailure?> RunAsync<TState>(
        Candidate candidate,
        AttemptLimits limits,
        RequestDeadline deadline,
        bool probe,
        TState state,
        Func<TState, TryLimit, CancellationToken, Task<UpstreamFailure?>> tryOnce,
        CancellationToken aborted)
    {
        var run = new Run<TState>(this, candidate, limits, deadline, state, tryOnce);
        try
        {
            return await pipelines.RunAsync(limits.MaxRetries, limits.Timeout, deadline, run, static (r, token) => r.TryAsync(token), aborted);
        }
        catch (Exception) when (probe)
        {
            // The client left (or something unforeseen broke) before the probe had a verdict: let the next request probe instead.
            health.Abandoned(candidate.EndpointId);
            throw;
        }
    }

    /// <summary>Tells the breaker how a streamed answer that had started ended.</summary>
    public void Report(Candidate candidate, UpstreamFailure? failure)
    {
        if (failure is null)
        {
            health.Succeeded(candidate.EndpointId);
            return;
        }

        if (health.Failed(candidate.EndpointId, failure, candidate.Cooldown) is { } cooldown)
        {
            LogCooldown(candidate.Backend.Name, candidate.Endpoint, cooldown.TotalSeconds);
            GatewayTelemetry.RecordCooldown(candidate, cooldown);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Endpoint {Backend} {Endpoint} cools down for {Seconds:0.#} s")]
    private partial void LogCooldown(string backend, string endpoint, double seconds);

    private sealed class Run<TState>(
        AttemptRunner runner, Candidate candidate, AttemptLimits limits, RequestDeadline deadline, TState state, Func<TState, TryLimit, CancellationToken, Task<UpstreamFailure?>> tryOnce)
    {
        private UpstreamFailure? _last;

        public async Task<UpstreamFailure?> TryAsync(CancellationToken token)
        {
            if (_last is not null)
            {
                GatewayTelemetry.RecordRetry(candidate, GatewayTelemetry.ErrorType(_last)!);
            }

            var failure = await tryOnce(state, deadline.Cap(limits.Timeout, runner._time), token);
            runner.Report(candidate, failure);
            _last = failure;
            return failure;
        }
    }
}
