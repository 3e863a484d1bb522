using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Surfaces;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>
/// Dispatches one chat request: fits the prompt to the candidates' context windows, walks the plan (<see cref="PlanWalk"/>) with the
/// operation for a whole answer or a stream, and has the request's surface write what came of it. Exactly one answer reaches the
/// client. What happened is kept in the request's <see cref="DispatchRecord"/>.
/// </summary>
internal sealed partial class ChatDispatcher(
    BackendProtocols protocols,
    AttemptRunner runner,
    EndpointHealth health,
    TimeProvider time,
    ILogger<ChatDispatcher> logger)
{
    /// <summary>Header telling the client its prompt was shortened to fit, and how.</summary>
    public const string TruncatedHeader = "x-gateway-truncated";

    internal const string Operation = "chat";

    /// <summary>
    /// Answers an HTTP chat request in <paramref name="surface"/>'s protocol: a stream of events, or one body. Without
    /// <paramref name="options"/> the request's <c>x-gateway-fallback</c> and <c>x-gateway-timeout-seconds</c> headers are read.
    /// </summary>
    public async Task DispatchAsync(HttpContext context, IChatSurface surface, ChatRequest request, RoutePlan plan, DispatchOptions? options = null)
    {
        if (!TryGetOptions(context, ref options, out var invalid))
        {
            GatewayHeaders.Set(context.Response, null, null, 0);
            await surface.WriteErrorAsync(context.Response, invalid);
            return;
        }

        if (request.Stream)
        {
            await StreamAsync(context, surface, request, plan, options!);
            return;
        }

        var outcome = await CompleteAsync(request, plan, DispatchRecord.For(context, Operation), context.RequestAborted, options);
        var http = context.Response;
        GatewayHeaders.Set(http, outcome.Candidate?.Backend.Name, outcome.Candidate?.Model, outcome.Attempts);
        if (outcome.Truncation is not null)
        {
            http.Headers[TruncatedHeader] = outcome.Truncation;
        }

        if (outcome.Error is not null)
        {
            await surface.WriteErrorAsync(http, outcome.Error);
            return;
        }

        await surface.WriteAnswerAsync(http, outcome.Completion!, context.RequestAborted);
    }

    /// <summary>Gets one whole answer by walking the plan; the caller decides how to present it (a surface's answer, a tool's result).</summary>
    public async Task<ChatOutcome> CompleteAsync(ChatRequest request, RoutePlan plan, DispatchRecord record, CancellationToken aborted, DispatchOptions? options = null)
    {
        options ??= DispatchOptions.Default;
        record.RequestedModel ??= request.Model;
        var fit = FitContext(request, plan, options);
        if (fit?.Error is { } tooLong)
        {
            return Rejected(plan, tooLong);
        }

        using var truncated = fit?.Truncated;
        var walk = new PlanWalk(plan, fit?.Candidates ?? plan.Candidates, fit?.Notes, options, time);
        var outcome = await walk.RunAsync(runner, health, new ChatCompletionOperation(truncated ?? request, protocols), record, aborted);
        var attempts = record.Attempts.Count;
        if (outcome.IsSuccess)
        {
            var candidate = outcome.Candidate!;
            record.Served(candidate, outcome.Answer!.Usage);
            record.Generated(outcome.Answer.GeneratedCharacters);
            LogServed(record.Attempts[^1], attempts);
            GatewayTelemetry.RecordRequest(Operation, candidate, "success");
        }

        return new ChatOutcome(outcome.Answer, outcome.Error, outcome.Candidate, attempts) { Truncation = fit?.Truncation };
    }

    private static ChatOutcome Rejected(RoutePlan plan, ApiError error)
    {
        var first = plan.Candidates.Count > 0 ? plan.Candidates[0] : null;
        GatewayTelemetry.RecordRequest(Operation, first, "rejected");
        return new ChatOutcome(null, error, first, 0);
    }

    private static FitResult? FitContext(ChatRequest request, RoutePlan plan, DispatchOptions options)
    {
        var candidates = plan.Candidates;
        if (candidates.Count == 0)
        {
            return null;
        }

        var truncate = candidates[0].Limits.With(options.Tool).TruncatePrompts && request.Native is not { Required: true };
        return ContextFit.Check(request, candidates, truncate);
    }

    private static bool TryGetOptions(HttpContext context, ref DispatchOptions? options, out ApiError invalid)
    {
        invalid = null!;
        if (options is not null)
        {
            return true;
        }

        options = DispatchOptions.FromHeaders(context.Request.Headers, out var error);
        invalid = error!;
        return options is not null;
    }
}
