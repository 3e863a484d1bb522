using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>
/// Tells the endpoint's breaker how each try went: an answer (for a stream, its first event) closes it, failures count toward its
/// cooldown, a 429/529 opens it at once. A stream that breaks after it started is reported when it ends; a stream the client left is not,
/// nor is a try that ran out of the request's own time (the client's budget or <c>max_request_seconds</c>): neither is the endpoint's doing.
/// </summary>
internal sealed partial class HealthFeedbackCall(IUpstreamCall inner, EndpointHealth health, ILogger<HealthFeedbackCall> logger)
    : DelegatingUpstreamCall(inner), ITryObserver
{
    public override async Task<Outcome<TAnswer>> CallAsync<TAnswer>(UpstreamTry attempt, IUpstreamOperation<TAnswer> operation, CancellationToken cancellationToken)
    {
        var result = await Inner.CallAsync(attempt, operation, cancellationToken);
        Report(attempt, result.Failure);
        if (result.IsSuccess && result.Value!.EndsLater)
        {
            attempt.Observe(this);
        }

        return result;
    }

    public void Ended(UpstreamTry attempt, Attempt ended, Usage? usage, string? model)
    {
        if (ended.Failure is not null)
        {
            Report(attempt, ended.Failure);
        }
    }

    private void Report(UpstreamTry attempt, UpstreamFailure? failure)
    {
        var candidate = attempt.Candidate;
        if (failure is { OutOfRequestTime: true })
        {
            // The request ran out of its own time: no verdict on the endpoint, and a probe is given back for the next request.
            if (attempt.IsProbe)
            {
                health.Abandoned(candidate.EndpointId);
            }

            return;
        }

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
}
