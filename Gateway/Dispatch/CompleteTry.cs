using Gateway.Backends;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>One try of a non-streamed answer: send, read the whole answer, record the attempt.</summary>
internal sealed class CompleteTry(ChatDispatcher dispatcher, ChatRequest request, Candidate candidate, IBackendProtocol protocol, DispatchRecord record, CancellationToken aborted)
{
    private long? _lastEnded;

    public ChatCompletion? Answer { get; private set; }

    public async Task<UpstreamFailure?> RunAsync(TryLimit limit, CancellationToken token)
    {
        var time = dispatcher.Time;
        if (_lastEnded is { } ended)
        {
            record.Waited(time.GetElapsedTime(ended)); // a retry: the pause since the last try was the backoff
        }

        var number = record.Attempts.Count + 1;
        var activity = GatewayTelemetry.StartAttempt(ChatDispatcher.Operation, candidate, number, request.Model);
        var started = time.GetTimestamp();
        Outcome<ChatCompletion> result;
        try
        {
            var sent = await dispatcher.StartAsync(request, candidate, protocol, token, aborted);
            if (sent.IsSuccess)
            {
                using var response = sent.Value!;
                result = await protocol.ReadChatCompletionAsync(response, request, candidate, token);
            }
            else
            {
                result = sent.Failure!.Kind is FailureKind.Timeout ? TimedOut(limit) : sent.Failure;
            }
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            result = TimedOut(limit);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            result = new UpstreamFailure { Kind = FailureKind.Protocol, Message = $"the answer was cut off: {UpstreamClient.Describe(e)}" };
        }
        catch (UnsupportedRequestException e)
        {
            result = ChatDispatcher.Unsupported(e);
        }

        var attempt = new Attempt(candidate, result.Failure, time.GetElapsedTime(started));
        record.Add(attempt);
        _lastEnded = time.GetTimestamp();
        GatewayTelemetry.EndAttempt(activity, ChatDispatcher.Operation, attempt, result.Value?.Usage, result.Value?.Model);
        if (result.Failure is not null)
        {
            dispatcher.LogAttemptFailed(attempt.Describe());
        }

        Answer = result.Value;
        record.Generated(Answer?.GeneratedCharacters ?? 0);
        return result.Failure;
    }

    private static UpstreamFailure TimedOut(TryLimit limit) =>
        new() { Kind = FailureKind.Timeout, Message = $"no complete answer within {limit}" };
}
