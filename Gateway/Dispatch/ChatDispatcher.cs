using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Redaction;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Surfaces;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>
/// Walks a route plan for one chat request: each candidate in turn until one answers. Each candidate runs in its resilience pipeline
/// (a timeout per try, retries of transient failures honouring <c>Retry-After</c>); endpoints cooling down are skipped; candidates whose
/// context window is too small for the prompt are left out. A failure moves on to the next candidate unless the request itself is at
/// fault (400, 413, 422), which no other backend would answer better. Exactly one answer reaches the client. What happened is kept in
/// the request's <see cref="DispatchRecord"/>.
/// </summary>
internal sealed partial class ChatDispatcher(
    BackendProtocols protocols,
    AttemptStarter starter,
    AttemptRunner runner,
    EndpointHealth health,
    SecretRedactor redactor,
    TimeProvider time,
    ILogger<ChatDispatcher> logger)
{
    /// <summary>Header telling the client its prompt was shortened to fit, and how.</summary>
    public const string TruncatedHeader = "x-gateway-truncated";

    internal const string Operation = "chat";

    /// <summary>
    /// Answers an HTTP chat request: a stream of SSE events, or one JSON body. Without <paramref name="options"/> the request's
    /// <c>x-gateway-fallback</c> and <c>x-gateway-timeout-seconds</c> headers are read.
    /// </summary>
    public async Task DispatchAsync(HttpContext context, ChatRequest request, RoutePlan plan, DispatchOptions? options = null)
    {
        if (request.Stream)
        {
            await StreamAsync(context, request, plan, options);
            return;
        }

        if (!TryGetOptions(context, ref options, out var invalid))
        {
            await WriteErrorAsync(context, invalid);
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
            await OpenAiErrorWriter.WriteAsync(http, outcome.Error);
            return;
        }

        var json = outcome.Completion!.Json;
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = "application/json";
        http.ContentLength = json.Length;
        await http.Body.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>Gets one whole answer by walking the plan; the caller decides how to present it (chat JSON, a tool's result).</summary>
    public async Task<ChatOutcome> CompleteAsync(ChatRequest request, RoutePlan plan, DispatchRecord record, CancellationToken aborted, DispatchOptions? options = null)
    {
        options ??= DispatchOptions.Default;
        record.RequestedModel ??= request.Model;
        var fit = FitContext(request, plan, options);
        if (fit?.Error is { } tooLong)
        {
            GatewayTelemetry.RecordRequest(Operation, plan.Candidates.Count > 0 ? plan.Candidates[0] : null, "rejected");
            return new ChatOutcome(null, tooLong, plan.Candidates.Count > 0 ? plan.Candidates[0] : null, 0);
        }

        using var truncated = fit?.Truncated;
        var prompt = truncated ?? request;
        var walk = new PlanWalk(plan, fit?.Candidates ?? plan.Candidates, fit?.Notes, options, time);
        var outcome = await WalkAsync(prompt, walk, record, aborted);
        return fit?.Truncation is { } truncation ? outcome with { Truncation = truncation } : outcome;
    }

    private async Task<ChatOutcome> WalkAsync(ChatRequest request, PlanWalk walk, DispatchRecord record, CancellationToken aborted)
    {
        foreach (var candidate in walk.Candidates)
        {
            if (!walk.Admit(health, candidate, out var probe))
            {
                continue;
            }

            var attempt = new CompleteTry(this, request, candidate, protocols.For(candidate.Backend.Kind), record, aborted);
            var failure = await runner.RunAsync(
                candidate, candidate.Limits.With(walk.Options.Tool), walk.Deadline, probe, attempt, static (a, limit, token) => a.RunAsync(limit, token), aborted);

            if (failure is null)
            {
                var number = record.Attempts.Count;
                record.Served(candidate, attempt.Answer!.Usage);
                LogServed(record.Attempts[^1], number);
                GatewayTelemetry.RecordRequest(Operation, candidate, "success");
                return new ChatOutcome(attempt.Answer, null, candidate, number);
            }

            aborted.ThrowIfCancellationRequested();
            if (FailureClass.StopsThePlan(failure))
            {
                GatewayTelemetry.RecordRequest(Operation, candidate, "rejected");
                return new ChatOutcome(null, ClientError(failure), candidate, record.Attempts.Count);
            }

            GatewayTelemetry.RecordFallback(candidate, GatewayTelemetry.ErrorType(failure)!);
        }

        return Failed(record, walk);
    }

    private static FitResult? FitContext(ChatRequest request, RoutePlan plan, DispatchOptions options)
    {
        var candidates = plan.Candidates;
        if (candidates.Count == 0)
        {
            return null;
        }

        return ContextFit.Check(request, candidates, candidates[0].Limits.With(options.Tool).TruncatePrompts);
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

    private static Task WriteErrorAsync(HttpContext context, ApiError error)
    {
        GatewayHeaders.Set(context.Response, null, null, 0);
        return OpenAiErrorWriter.WriteAsync(context.Response, error);
    }

    private static ChatOutcome Failed(DispatchRecord record, PlanWalk walk)
    {
        var attempts = record.Attempts;
        var last = attempts.Count > 0 ? attempts[^1].Candidate : null;
        GatewayTelemetry.RecordRequest(Operation, last, "failed");
        return new ChatOutcome(null, walk.Failed(record), last, attempts.Count);
    }

    internal Task<Outcome<HttpResponseMessage>> StartAsync(ChatRequest request, Candidate candidate, IBackendProtocol protocol, CancellationToken token, CancellationToken aborted) =>
        starter.StartAsync(candidate, protocol, () => protocol.CreateChatRequest(request, candidate), token, aborted);

    internal static UpstreamFailure Unsupported(UnsupportedRequestException e) =>
        new() { Kind = FailureKind.Status, StatusCode = 400, Code = "unsupported_content", Message = e.Message, Param = e.Param };

    private static ApiError ClientError(UpstreamFailure failure) =>
        new(failure.StatusCode ?? 400, failure.Message, failure.Param, failure.Code ?? "invalid_request");
}
