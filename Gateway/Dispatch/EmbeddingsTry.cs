using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>One try: send, read the vectors, record the attempt.</summary>
internal sealed class EmbeddingsTry(
    EmbeddingsDispatcher dispatcher, EmbeddingsRequest request, Candidate candidate, IBackendProtocol protocol, DispatchRecord record, CancellationToken aborted)
{
    public EmbeddingsResult? Answer { get; private set; }

    public async Task<UpstreamFailure?> RunAsync(TryLimit limit, CancellationToken token)
    {
        var time = dispatcher.Time;
        var activity = GatewayTelemetry.StartAttempt(EmbeddingsDispatcher.Operation, candidate, record.Attempts.Count + 1, request.Model);
        var started = time.GetTimestamp();
        var result = await TryAsync(limit, token);
        var attempt = new Attempt(candidate, result.Failure, time.GetElapsedTime(started));
        record.Add(attempt);
        GatewayTelemetry.EndAttempt(activity, EmbeddingsDispatcher.Operation, attempt, result.Value?.Usage, null);
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
                return started.Failure!.Kind is FailureKind.Timeout ? EmbeddingsDispatcher.TimedOut(limit) : started.Failure;
            }

            using var response = started.Value!;
            return await protocol.ReadEmbeddingsAsync(response, request, candidate, token);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return EmbeddingsDispatcher.TimedOut(limit);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return new UpstreamFailure { Kind = FailureKind.Protocol, Message = $"the answer was cut off: {UpstreamClient.Describe(e)}" };
        }
    }
}
