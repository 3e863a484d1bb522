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
    private List<(Candidate Candidate, TimeSpan Back)>? _cooling;

    public PlanWalk(RoutePlan plan, IReadOnlyList<Candidate> candidates, IReadOnlyList<string>? notes, DispatchOptions options, TimeProvider time)
    {
        _plan = plan;
        _time = time;
        Candidates = options.NoFallback ? FirstBackendOnly(candidates) : candidates;
        var limits = plan.Candidates.Count > 0 ? plan.Candidates[0].Limits.With(options.Tool) : AttemptLimits.Default;
        Deadline = RequestDeadline.For(options.Budget, limits.MaxRequest, time);
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
            Note($"{Describe(candidate)}: not tried, {Deadline.Describe()} ran out");
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
        (_cooling ??= []).Add((candidate, back));
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
        var tried = false;
        foreach (var candidate in Candidates)
        {
            if (!Admit(health, candidate, out var probe))
            {
                continue;
            }

            tried = true;
            var (outcome, done) = await TryAsync(runner, operation, candidate, probe, record, aborted);
            if (done)
            {
                return outcome;
            }
        }

        // Every candidate cools down: rather than refuse, probe the one back soonest (half-open), so a recovered upstream serves.
        if (!tried && EarlyProbe(health) is { } early)
        {
            Note($"{Describe(early)}: probed before its cooldown ended, as every candidate was cooling down");
            var (outcome, done) = await TryAsync(runner, operation, early, probe: true, record, aborted);
            if (done)
            {
                return outcome;
            }
        }

        // With every candidate cooling down no attempt was sent: the request is still counted under the backend and model it was planned for.
        GatewayTelemetry.RecordRequest(operation.Name, record.Last, "failed");
        return new WalkOutcome<TAnswer>(default, Failed(record), record.Attempts.Count > 0 ? record.Attempts[^1].Candidate : null);
    }

    private async Task<(WalkOutcome<TAnswer> Outcome, bool Done)> TryAsync<TAnswer>(
        AttemptRunner runner, IUpstreamOperation<TAnswer> operation, Candidate candidate, bool probe, DispatchRecord record, CancellationToken aborted)
        where TAnswer : IUpstreamAnswer
    {
        var limits = candidate.Limits.With(Options.Tool);
        var result = await runner.RunAsync(operation, candidate, limits, Deadline, probe, HasOtherEndpoint(candidate), record, aborted);
        if (result.IsSuccess)
        {
            return (new WalkOutcome<TAnswer>(result.Value, null, candidate), true);
        }

        aborted.ThrowIfCancellationRequested();
        var failure = result.Failure!;
        if (FailureClass.StopsThePlan(failure))
        {
            GatewayTelemetry.RecordRequest(operation.Name, candidate, "rejected");
            return (new WalkOutcome<TAnswer>(default, RequestAtFault(failure), candidate), true);
        }

        GatewayTelemetry.RecordFallback(candidate, GatewayTelemetry.ErrorType(failure)!);
        return (default, false);
    }

    /// <summary>The cooling candidate back soonest whose probe is free, claimed as its probe; null when none is (or no time is left).</summary>
    private Candidate? EarlyProbe(EndpointHealth health)
    {
        if (_cooling is null || Deadline.IsSpent(_time))
        {
            return null;
        }

        _cooling.Sort(static (a, b) => a.Back.CompareTo(b.Back));
        foreach (var (candidate, _) in _cooling)
        {
            if (health.ClaimEarlyProbe(candidate.EndpointId))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Whether the plan holds another endpoint of <paramref name="candidate"/>'s backend, which a timed-out try can move on to.</summary>
    private bool HasOtherEndpoint(Candidate candidate)
    {
        foreach (var other in Candidates)
        {
            if (other.Backend.Name == candidate.Backend.Name && other.EndpointId != candidate.EndpointId)
            {
                return true;
            }
        }

        return false;
    }

    private static ApiError RequestAtFault(UpstreamFailure failure) =>
        new(failure.StatusCode ?? 400, failure.Message, failure.Param, failure.Code ?? "invalid_request") { WireError = failure.WireError };

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
