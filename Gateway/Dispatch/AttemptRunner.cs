using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>
/// Runs the tries of one candidate inside its resilience pipeline (Polly: a timeout per try, retries of transient failures): each try
/// goes through the one chain of stages (<see cref="IUpstreamCall"/>) and ends when it returns, unless its answer goes on (a stream).
/// </summary>
internal sealed class AttemptRunner(AttemptPipelines pipelines, IUpstreamCall call, EndpointHealth health, TimeProvider time)
{
    private readonly TimeProvider _time = time;
    private readonly IUpstreamCall _call = call;

    /// <summary>
    /// Tries <paramref name="candidate"/> up to 1 + <c>max_retries</c> times; returns the answer of the try that succeeded, else the
    /// last failure. <paramref name="probe"/> says this request is the endpoint's half-open probe, given back if the client leaves
    /// before a verdict. <paramref name="timeoutMovesOn"/>: another endpoint of the pool is in the plan, so a try that timed out is
    /// not repeated here.
    /// </summary>
    public async Task<Outcome<TAnswer>> RunAsync<TAnswer>(
        IUpstreamOperation<TAnswer> operation,
        Candidate candidate,
        AttemptLimits limits,
        RequestDeadline deadline,
        bool probe,
        bool timeoutMovesOn,
        DispatchRecord record,
        CancellationToken aborted)
        where TAnswer : IUpstreamAnswer
    {
        var run = new Run<TAnswer>(this, operation, candidate, limits, deadline, probe, record, aborted);
        var rules = new RetryRules(limits.MaxRetryWait, timeoutMovesOn);
        try
        {
            // A probe gets one try: its failure re-opens the breaker, and a retry would only knock on an endpoint cooling down again.
            var retries = probe ? 0 : limits.MaxRetries;
            var failure = await pipelines.RunAsync(retries, limits.Timeout, rules, deadline, run, static (r, token) => r.TryAsync(token), aborted);
            return failure is null ? Outcome<TAnswer>.Ok(run.Answer!) : failure;
        }
        catch (Exception) when (probe)
        {
            // The client left (or something unforeseen broke) before the probe had a verdict: let the next request probe instead.
            health.Abandoned(candidate.EndpointId);
            throw;
        }
    }

    private sealed class Run<TAnswer>(
        AttemptRunner runner,
        IUpstreamOperation<TAnswer> operation,
        Candidate candidate,
        AttemptLimits limits,
        RequestDeadline deadline,
        bool probe,
        DispatchRecord record,
        CancellationToken aborted)
        where TAnswer : IUpstreamAnswer
    {
        private UpstreamFailure? _last;
        private long? _lastEnded;

        public TAnswer? Answer { get; private set; }

        public async Task<UpstreamFailure?> TryAsync(CancellationToken token)
        {
            var time = runner._time;
            if (_last is not null)
            {
                GatewayTelemetry.RecordRetry(candidate, GatewayTelemetry.ErrorType(_last)!);
            }

            if (_lastEnded is { } ended)
            {
                record.Waited(time.GetElapsedTime(ended)); // a retry: the pause since the last try was the backoff
            }

            var attempt = new UpstreamTry(operation.Name, candidate, record, deadline.Cap(limits.Timeout, time), time, aborted, probe && _last is null);
            Outcome<TAnswer> result;
            try
            {
                result = await runner._call.CallAsync(attempt, operation, token);
            }
            catch (Exception) when (aborted.IsCancellationRequested)
            {
                attempt.Abandon(); // the client left mid-try: the try still counts as sent there, with no verdict on the upstream
                throw;
            }

            if (!result.IsSuccess || !result.Value!.EndsLater)
            {
                attempt.End(result.Failure, result.Value?.Usage, result.Value?.Model);
            }

            _lastEnded = time.GetTimestamp();
            _last = result.Failure;
            Answer = result.Value;
            return result.Failure;
        }
    }
}
