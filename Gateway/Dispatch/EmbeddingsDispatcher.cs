using Gateway.Api;
using Gateway.Backends;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>
/// Walks an embeddings plan: the embedding backend's endpoints in turn until one answers, each in its resilience pipeline
/// (timeout, retries of transient failures), skipping endpoints that cool down.
/// </summary>
internal sealed partial class EmbeddingsDispatcher(
    BackendProtocols protocols,
    AttemptStarter starter,
    AttemptRunner runner,
    EndpointHealth health,
    TimeProvider time,
    ILogger<EmbeddingsDispatcher> logger)
{
    private const string Operation = "embeddings";

    private TimeProvider Time => time;

    private AttemptStarter Starter => starter;

    public async Task DispatchAsync(HttpContext context, EmbeddingsRequest request, RoutePlan plan, DispatchOptions? options = null)
    {
        var http = context.Response;
        if (options is null)
        {
            options = DispatchOptions.FromHeaders(context.Request.Headers, out var invalid);
            if (options is null)
            {
                GatewayHeaders.Set(http, null, null, 0);
                await OpenAiErrorWriter.WriteAsync(http, invalid!);
                return;
            }
        }

        var aborted = context.RequestAborted;
        var record = DispatchRecord.For(context, Operation);
        record.RequestedModel ??= request.Model;
        var walk = new PlanWalk(plan, plan.Candidates, null, options, time);

        foreach (var candidate in walk.Candidates)
        {
            if (!walk.Admit(health, candidate, out var probe))
            {
                continue;
            }

            var attempt = new EmbeddingsTry(this, request, candidate, protocols.For(candidate.Backend.Kind), record, aborted);
            var failure = await runner.RunAsync(
                candidate, candidate.Limits.With(options.Tool), walk.Deadline, probe, attempt, static (a, limit, token) => a.RunAsync(limit, token), aborted);

            GatewayHeaders.Set(http, candidate.Backend.Name, candidate.Model, record.Attempts.Count);
            if (failure is null)
            {
                var answer = attempt.Answer!;
                record.Served(candidate, answer.Usage);
                GatewayTelemetry.RecordRequest(Operation, candidate, "success");
                http.StatusCode = StatusCodes.Status200OK;
                http.ContentType = "application/json";
                http.ContentLength = answer.Json.Length;
                await http.Body.WriteAsync(answer.Json, aborted);
                return;
            }

            aborted.ThrowIfCancellationRequested();
            if (failure.IsClientError)
            {
                GatewayTelemetry.RecordRequest(Operation, candidate, "rejected");
                await OpenAiErrorWriter.WriteAsync(http, new ApiError(failure.StatusCode ?? 400, failure.Message, failure.Param ?? "model", failure.Code));
                return;
            }
        }

        var last = record.Attempts.Count > 0 ? record.Attempts[^1].Candidate : null;
        GatewayTelemetry.RecordRequest(Operation, last, "failed");
        if (last is null)
        {
            GatewayHeaders.Set(http, null, null, 0);
        }

        await OpenAiErrorWriter.WriteAsync(http, walk.Failed(record));
    }

    /// <summary>One try: send, read the vectors, record the attempt.</summary>
    private sealed class EmbeddingsTry(
        EmbeddingsDispatcher dispatcher, EmbeddingsRequest request, Candidate candidate, IBackendProtocol protocol, DispatchRecord record, CancellationToken aborted)
    {
        public EmbeddingsResult? Answer { get; private set; }

        public async Task<UpstreamFailure?> RunAsync(TryLimit limit, CancellationToken token)
        {
            var time = dispatcher.Time;
            var activity = GatewayTelemetry.StartAttempt(Operation, candidate, record.Attempts.Count + 1, request.Model);
            var started = time.GetTimestamp();
            var result = await TryAsync(limit, token);
            var attempt = new Attempt(candidate, result.Failure, time.GetElapsedTime(started));
            record.Add(attempt);
            GatewayTelemetry.EndAttempt(activity, Operation, attempt, result.Value?.Usage, null);
            if (result.Failure is not null)
            {
                dispatcher.LogAttemptFailed(attempt.Describe());
            }

            Answer = result.Value;
            return result.Failure;
        }

        private async Task<Outcome<EmbeddingsResult>> TryAsync(TryLimit limit, CancellationToken token)
        {
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
                var started = await dispatcher.Starter.StartAsync(candidate, protocol, () => message, token, aborted);
                if (!started.IsSuccess)
                {
                    return started.Failure!.Kind is FailureKind.Timeout ? TimedOut(limit) : started.Failure;
                }

                using var response = started.Value!;
                return await protocol.ReadEmbeddingsAsync(response, request, candidate, token);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                return TimedOut(limit);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                return new UpstreamFailure { Kind = FailureKind.Protocol, Message = $"the answer was cut off: {UpstreamClient.Describe(e)}" };
            }
        }
    }

    private static UpstreamFailure TimedOut(TryLimit limit) =>
        new() { Kind = FailureKind.Timeout, Message = $"no complete answer within {limit}" };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embeddings attempt failed: {Attempt}")]
    private partial void LogAttemptFailed(string attempt);
}
