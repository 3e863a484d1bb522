using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Surfaces;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>
/// Walks an embeddings plan: the embedding backend's endpoints in turn until one answers, each in its resilience pipeline
/// (timeout, retries of transient failures), skipping endpoints that cool down. Which failures end the walk is chat's rule
/// (<see cref="FailureClass.StopsThePlan"/>): a request at fault stops it, a wrong key, a missing model or a prompt too long moves on.
/// </summary>
internal sealed partial class EmbeddingsDispatcher(
    BackendProtocols protocols,
    AttemptStarter starter,
    AttemptRunner runner,
    EndpointHealth health,
    TimeProvider time,
    ILogger<EmbeddingsDispatcher> logger)
{
    internal const string Operation = "embeddings";

    internal TimeProvider Time => time;

    internal AttemptStarter Starter => starter;

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
            if (FailureClass.StopsThePlan(failure))
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

    internal static UpstreamFailure TimedOut(TryLimit limit) =>
        new() { Kind = FailureKind.Timeout, Message = $"no complete answer within {limit}" };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embeddings attempt failed: {Attempt}")]
    internal partial void LogAttemptFailed(string attempt);
}
