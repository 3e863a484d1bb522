using Gateway.Api;
using Gateway.Backends;
using Gateway.Routing;

namespace Gateway.Dispatch;

/// <summary>
/// Walks a route plan for one chat request: each candidate in turn until one answers. A failure moves on to the next candidate unless
/// the request itself is at fault (400, 413, 422), which no other backend would answer better. Exactly one answer reaches the client.
/// </summary>
internal sealed partial class ChatDispatcher(
    BackendProtocols protocols,
    AttemptStarter starter,
    DispatchTimeouts timeouts,
    TimeProvider time,
    ILogger<ChatDispatcher> logger)
{
    public async Task DispatchAsync(HttpContext context, ChatRequest request, RoutePlan plan)
    {
        var aborted = context.RequestAborted;
        var attempts = new List<Attempt>(plan.Candidates.Count);

        foreach (var candidate in plan.Candidates)
        {
            var protocol = protocols.For(candidate.Backend.Kind);
            var started = time.GetTimestamp();
            var ended = request.Stream
                ? await TryStreamAsync(context, request, candidate, protocol, attempts.Count + 1, aborted)
                : await TryCompleteAsync(context, request, candidate, protocol, attempts.Count + 1, aborted);

            var attempt = new Attempt(candidate, ended.Failure, time.GetElapsedTime(started));
            attempts.Add(attempt);

            if (ended.Answered || aborted.IsCancellationRequested)
            {
                LogServed(attempt, attempts.Count);
                return;
            }

            LogAttemptFailed(attempt.Describe());
            if (ended.Failure!.IsClientError)
            {
                GatewayHeaders.Set(context.Response, candidate.Backend.Name, candidate.Model, attempts.Count);
                await OpenAiErrorWriter.WriteAsync(context.Response, ClientError(ended.Failure));
                return;
            }
        }

        var verdict = FailureVerdict.From(attempts, plan.Notes);
        var last = attempts[^1].Candidate;
        GatewayHeaders.Set(context.Response, last.Backend.Name, last.Model, attempts.Count);
        await OpenAiErrorWriter.WriteAsync(context.Response, verdict);
    }

    private async Task<AttemptEnd> TryCompleteAsync(HttpContext context, ChatRequest request, Candidate candidate, IBackendProtocol protocol, int attemptNumber, CancellationToken aborted)
    {
        using var deadline = new CancellationTokenSource(timeouts.Attempt, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, deadline.Token);
        var token = linked.Token;

        try
        {
            var started = await StartAsync(request, candidate, protocol, token, aborted);
            if (!started.IsSuccess)
            {
                return AttemptEnd.Failed(started.Failure!);
            }

            using var response = started.Value!;
            var read = await protocol.ReadChatCompletionAsync(response, request, candidate, token);
            if (!read.IsSuccess)
            {
                return AttemptEnd.Failed(read.Failure!);
            }

            var completion = read.Value!;
            var http = context.Response;
            GatewayHeaders.Set(http, candidate.Backend.Name, candidate.Model, attemptNumber);
            http.StatusCode = StatusCodes.Status200OK;
            http.ContentType = "application/json";
            http.ContentLength = completion.Json.Length;
            await http.Body.WriteAsync(completion.Json, aborted);
            return AttemptEnd.Success;
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return AttemptEnd.Failed(new UpstreamFailure { Kind = FailureKind.Timeout, Message = $"no complete answer within {timeouts.Attempt.TotalSeconds:0} s" });
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return AttemptEnd.Failed(new UpstreamFailure { Kind = FailureKind.Protocol, Message = $"the answer was cut off: {UpstreamClient.Describe(e)}" });
        }
        catch (UnsupportedRequestException e)
        {
            return AttemptEnd.Failed(Unsupported(e));
        }
    }

    private Task<Outcome<HttpResponseMessage>> StartAsync(ChatRequest request, Candidate candidate, IBackendProtocol protocol, CancellationToken token, CancellationToken aborted) =>
        starter.StartAsync(candidate, protocol, () => protocol.CreateChatRequest(request, candidate), token, aborted);

    internal static UpstreamFailure Unsupported(UnsupportedRequestException e) =>
        new() { Kind = FailureKind.Status, StatusCode = 400, Code = "unsupported_content", Message = e.Message, Param = e.Param };

    private static ApiError ClientError(UpstreamFailure failure) =>
        new(failure.StatusCode ?? 400, failure.Message, failure.Param, failure.Code ?? "invalid_request");

    /// <summary>How one attempt ended: the client has its answer, or the failure that lets the plan move on.</summary>
    private readonly record struct AttemptEnd(bool Answered, UpstreamFailure? Failure)
    {
        public static AttemptEnd Success => new(true, null);

        public static AttemptEnd Failed(UpstreamFailure failure) => new(false, failure);

        /// <summary>The stream was committed to the client and then broke: the client has been told, nothing more may be sent.</summary>
        public static AttemptEnd BrokenAfterCommit(UpstreamFailure failure) => new(true, failure);
    }
}
