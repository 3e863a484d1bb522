using System.Diagnostics;
using Gateway.Api;
using Gateway.Backends;
using Gateway.Routing;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>
/// Walks a route plan for one chat request: each candidate in turn until one answers. A failure moves on to the next candidate unless
/// the request itself is at fault (400, 413, 422), which no other backend would answer better. Exactly one answer reaches the client.
/// What happened is kept in the request's <see cref="DispatchRecord"/>.
/// </summary>
internal sealed partial class ChatDispatcher(
    BackendProtocols protocols,
    AttemptStarter starter,
    DispatchTimeouts timeouts,
    TimeProvider time,
    ILogger<ChatDispatcher> logger)
{
    private const string Operation = "chat";

    /// <summary>Answers an HTTP chat request: a stream of SSE events, or one JSON body.</summary>
    public async Task DispatchAsync(HttpContext context, ChatRequest request, RoutePlan plan)
    {
        if (request.Stream)
        {
            await StreamAsync(context, request, plan);
            return;
        }

        var outcome = await CompleteAsync(request, plan, DispatchRecord.For(context, Operation), context.RequestAborted);
        var http = context.Response;
        GatewayHeaders.Set(http, outcome.Candidate?.Backend.Name, outcome.Candidate?.Model, outcome.Attempts);
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
    public async Task<ChatOutcome> CompleteAsync(ChatRequest request, RoutePlan plan, DispatchRecord record, CancellationToken aborted)
    {
        record.RequestedModel ??= request.Model;
        foreach (var candidate in plan.Candidates)
        {
            var protocol = protocols.For(candidate.Backend.Kind);
            var number = record.Attempts.Count + 1;
            var activity = GatewayTelemetry.StartAttempt(Operation, candidate, number, request.Model);
            var started = time.GetTimestamp();
            var result = await TryCompleteAsync(request, candidate, protocol, aborted);
            var attempt = new Attempt(candidate, result.Failure, time.GetElapsedTime(started));
            record.Add(attempt);
            GatewayTelemetry.EndAttempt(activity, Operation, attempt, result.Value?.Usage, result.Value?.Model);

            if (result.IsSuccess)
            {
                record.Served(candidate, result.Value!.Usage);
                LogServed(attempt, number);
                GatewayTelemetry.RecordRequest(Operation, candidate, "success");
                return new ChatOutcome(result.Value, null, candidate, number);
            }

            aborted.ThrowIfCancellationRequested();
            LogAttemptFailed(attempt.Describe());
            if (result.Failure!.IsClientError)
            {
                GatewayTelemetry.RecordRequest(Operation, candidate, "rejected");
                return new ChatOutcome(null, ClientError(result.Failure), candidate, number);
            }

            GatewayTelemetry.RecordFallback(candidate, GatewayTelemetry.ErrorType(result.Failure)!);
        }

        return Failed(record, plan);
    }

    private async Task<Outcome<ChatCompletion>> TryCompleteAsync(ChatRequest request, Candidate candidate, IBackendProtocol protocol, CancellationToken aborted)
    {
        using var deadline = new CancellationTokenSource(timeouts.Attempt, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, deadline.Token);
        var token = linked.Token;

        try
        {
            var started = await StartAsync(request, candidate, protocol, token, aborted);
            if (!started.IsSuccess)
            {
                return started.Failure!;
            }

            using var response = started.Value!;
            return await protocol.ReadChatCompletionAsync(response, request, candidate, token);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return new UpstreamFailure { Kind = FailureKind.Timeout, Message = $"no complete answer within {timeouts.Attempt.TotalSeconds:0} s" };
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return new UpstreamFailure { Kind = FailureKind.Protocol, Message = $"the answer was cut off: {UpstreamClient.Describe(e)}" };
        }
        catch (UnsupportedRequestException e)
        {
            return Unsupported(e);
        }
    }

    private static ChatOutcome Failed(DispatchRecord record, RoutePlan plan)
    {
        var attempts = record.Attempts;
        var last = attempts.Count > 0 ? attempts[^1].Candidate : null;
        GatewayTelemetry.RecordRequest(Operation, last, "failed");
        return new ChatOutcome(null, FailureVerdict.From(attempts, plan.Notes), last, attempts.Count);
    }

    private Task<Outcome<HttpResponseMessage>> StartAsync(ChatRequest request, Candidate candidate, IBackendProtocol protocol, CancellationToken token, CancellationToken aborted) =>
        starter.StartAsync(candidate, protocol, () => protocol.CreateChatRequest(request, candidate), token, aborted);

    internal static UpstreamFailure Unsupported(UnsupportedRequestException e) =>
        new() { Kind = FailureKind.Status, StatusCode = 400, Code = "unsupported_content", Message = e.Message, Param = e.Param };

    private static ApiError ClientError(UpstreamFailure failure) =>
        new(failure.StatusCode ?? 400, failure.Message, failure.Param, failure.Code ?? "invalid_request");
}
