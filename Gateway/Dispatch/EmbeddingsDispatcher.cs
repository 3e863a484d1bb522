using Gateway.Api;
using Gateway.Backends;
using Gateway.Routing;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>Walks an embeddings plan: the embedding backend's endpoints in turn until one answers.</summary>
internal sealed partial class EmbeddingsDispatcher(
    BackendProtocols protocols,
    AttemptStarter starter,
    DispatchTimeouts timeouts,
    TimeProvider time,
    ILogger<EmbeddingsDispatcher> logger)
{
    private const string Operation = "embeddings";

    public async Task DispatchAsync(HttpContext context, EmbeddingsRequest request, RoutePlan plan)
    {
        var aborted = context.RequestAborted;
        var record = DispatchRecord.For(context, Operation);
        record.RequestedModel ??= request.Model;

        foreach (var candidate in plan.Candidates)
        {
            var protocol = protocols.For(candidate.Backend.Kind);
            var activity = GatewayTelemetry.StartAttempt(Operation, candidate, record.Attempts.Count + 1, request.Model);
            var started = time.GetTimestamp();
            var outcome = await TryAsync(request, candidate, protocol, aborted);
            var attempt = new Attempt(candidate, outcome.Failure, time.GetElapsedTime(started));
            record.Add(attempt);
            GatewayTelemetry.EndAttempt(activity, Operation, attempt, outcome.Value?.Usage, null);

            var http = context.Response;
            GatewayHeaders.Set(http, candidate.Backend.Name, candidate.Model, record.Attempts.Count);
            if (outcome.IsSuccess)
            {
                record.Served(candidate, outcome.Value!.Usage);
                GatewayTelemetry.RecordRequest(Operation, candidate, "success");
                http.StatusCode = StatusCodes.Status200OK;
                http.ContentType = "application/json";
                http.ContentLength = outcome.Value!.Json.Length;
                await http.Body.WriteAsync(outcome.Value.Json, aborted);
                return;
            }

            aborted.ThrowIfCancellationRequested();
            LogAttemptFailed(attempt.Describe());
            if (outcome.Failure!.IsClientError)
            {
                GatewayTelemetry.RecordRequest(Operation, candidate, "rejected");
                await OpenAiErrorWriter.WriteAsync(http, new ApiError(outcome.Failure.StatusCode ?? 400, outcome.Failure.Message, outcome.Failure.Param ?? "model", outcome.Failure.Code));
                return;
            }
        }

        GatewayTelemetry.RecordRequest(Operation, record.Attempts.Count > 0 ? record.Attempts[^1].Candidate : null, "failed");
        await OpenAiErrorWriter.WriteAsync(context.Response, FailureVerdict.From(record.Attempts, plan.Notes));
    }

    private async Task<Outcome<EmbeddingsResult>> TryAsync(EmbeddingsRequest request, Candidate candidate, IBackendProtocol protocol, CancellationToken aborted)
    {
        using var deadline = new CancellationTokenSource(timeouts.Attempt, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, deadline.Token);
        HttpRequestMessage? message;
        try
        {
            message = protocol.CreateEmbeddingsRequest(request, candidate);
        }
        catch (UnsupportedRequestException e)
        {
            return ChatDispatcher.Unsupported(e);
        }

        if (message is null)
        {
            return new UpstreamFailure
            {
                Kind = FailureKind.Status,
                StatusCode = 400,
                Code = "unsupported_backend",
                Message = $"Backend '{candidate.Backend.Name}' has no embeddings API; set llm.global_defaults.default_embedding_backend to a backend that has one.",
            };
        }

        try
        {
            var started = await starter.StartAsync(candidate, protocol, () => message, linked.Token, aborted);
            if (!started.IsSuccess)
            {
                return started.Failure!;
            }

            using var response = started.Value!;
            return await protocol.ReadEmbeddingsAsync(response, request, candidate, linked.Token);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return new UpstreamFailure { Kind = FailureKind.Timeout, Message = $"no complete answer within {timeouts.Attempt.TotalSeconds:0} s" };
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return new UpstreamFailure { Kind = FailureKind.Protocol, Message = $"the answer was cut off: {UpstreamClient.Describe(e)}" };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embeddings attempt failed: {Attempt}")]
    private partial void LogAttemptFailed(string attempt);
}
