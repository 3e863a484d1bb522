using Gateway.Exchange;
using Gateway.Backends;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>
/// One request's way through its plan: which candidates it may still try (after the fallback opt-out and the context-window check),
/// which it skipped and why (cooling down, too small, out of time), and its deadline. Turns into the final error when nothing answered.
/// </summary>
internal sealed class PlanWalk
{
    private readonly RoutePlan _plan;
    private readonly TimeProvider _time;
    private List<string>? _notes;
    private TimeSpan? _soonestBack;

    public PlanWalk(RoutePlan plan, IReadOnlyList<Candidate> candidates, IReadOnlyList<string>? notes, DispatchOptions options, TimeProvider time)
    {
        _plan = plan;
        _time = time;
        Candidates = options.NoFallback ? FirstBackendOnly(candidates) : candidates;
        Deadline = RequestDeadline.After(options.Budget, time);
        Options = options;
        if (notes is { Count: > 0 })
        {
            _notes = [.. notes];
        }

        if (options.NoFallback && Candidates.Count < candidates.Count)
        {
            Note($"fallback backends not tried: the request asked for {DispatchOptions.FallbackHeader}: none");
        }
    }

    public IReadOnlyList<Candidate> Candidates { get; }

    public RequestDeadline Deadline { get; }

    public DispatchOptions Options { get; }

    /// <summary>
    /// Whether <paramref name="candidate"/> may be tried now; if not, the reason is noted. <paramref name="probe"/> is set when this
    /// request is the endpoint's half-open probe.
    /// </summary>
    public bool Admit(EndpointHealth health, Candidate candidate, out bool probe)
    {
        probe = false;
        if (Deadline.IsSpent(_time))
        {
            Note($"{Describe(candidate)}: not tried, the request's time budget ({DispatchOptions.TimeoutHeader}) ran out");
            return false;
        }

        var admission = health.Admit(candidate.EndpointId);
        if (admission.IsAllowed)
        {
            probe = admission.Kind is AdmissionKind.Probe;
            return true;
        }

        var back = admission.RetryAfter;
        _soonestBack = _soonestBack is { } soonest && soonest < back ? soonest : back;
        Note($"{Describe(candidate)}: skipped, {admission.Reason}");
        return false;
    }

    /// <summary>
    /// Tries each candidate in turn (skipping those <see cref="Admit"/> refuses) until one answers. A failure moves on to the next
    /// candidate unless the request itself is at fault (<see cref="FailureClass.StopsThePlan"/>), which no other backend would answer
    /// better. Refusals and plans that failed are counted here; a served request is counted by its dispatcher, once its answer ended.
    /// </summary>
    public async Task<WalkOutcome<TAnswer>> RunAsync<TAnswer>(
        AttemptRunner runner, EndpointHealth health, IUpstreamOperation<TAnswer> operation, DispatchRecord record, CancellationToken aborted)
        where TAnswer : IUpstreamAnswer
    {
        record.Planned ??= Candidates.Count > 0 ? Candidates[0] : null;
        try
        {
            return await WalkAsync(runner, health, operation, record, aborted);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            // The client left while a try was under way: counted under where it went, as a stream it leaves later is.
            GatewayTelemetry.RecordRequest(operation.Name, record.Last, "aborted");
            throw;
        }
    }

    /// <summary>The error for a plan none of whose candidates answered.</summary>
    public ApiError Failed(DispatchRecord record) =>
        FailureVerdict.From(record.Attempts, Notes(), _soonestBack);

    private async Task<WalkOutcome<TAnswer>> WalkAsync<TAnswer>(
        AttemptRunner runner, EndpointHealth health, IUpstreamOperation<TAnswer> operation, DispatchRecord record, CancellationToken aborted)
        where TAnswer : IUpstreamAnswer
    {
        foreach (var candidate in Candidates)
        {
            if (!Admit(health, candidate, out var probe))
            {
                continue;
            }

            var result = await runner.RunAsync(operation, candidate, candidate.Limits.With(Options.Tool), Deadline, probe, record, aborted);
            if (result.IsSuccess)
            {
                return new WalkOutcome<TAnswer>(result.Value, null, candidate);
            }

            aborted.ThrowIfCancellationRequested();
            var failure = result.Failure!;
            if (FailureClass.StopsThePlan(failure))
            {
                GatewayTelemetry.RecordRequest(operation.Name, candidate, "rejected");
                return new WalkOutcome<TAnswer>(default, RequestAtFault(failure), candidate);
            }

            GatewayTelemetry.RecordFallback(candidate, GatewayTelemetry.ErrorType(failure)!);
        }

        // With every candidate cooling down no attempt was sent: the request is still counted under the backend and model it was planned for.
        GatewayTelemetry.RecordRequest(operation.Name, record.Last, "failed");
        return new WalkOutcome<TAnswer>(default, Failed(record), record.Attempts.Count > 0 ? record.Attempts[^1].Candidate : null);
    }

    private static ApiError RequestAtFault(UpstreamFailure failure) =>
        new(failure.StatusCode ?? 400, failure.Message, failure.Param, failure.Code ?? "invalid_request");

    private IReadOnlyList<string> Notes()
    {
        if (_notes is null)
        {
            return _plan.Notes;
        }

        return [.. _notes, .. _plan.Notes];
    }

    private void Note(string note) => (_notes ??= []).Add(note);

    private static string Describe(Candidate candidate) => $"{candidate.Backend.Name} {candidate.Endpoint} ({candidate.Model})";

    private static IReadOnlyList<Candidate> FirstBackendOnly(IReadOnlyList<Candidate> candidates)
    {
        if (candidates.Count == 0)
        {
            return candidates;
        }

        var first = candidates[0].Backend.Name;
        var kept = new List<Candidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (candidate.Backend.Name == first)
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }
}
