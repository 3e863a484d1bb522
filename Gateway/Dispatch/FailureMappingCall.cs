using Gateway.Backends;

namespace Gateway.Dispatch;

/// <summary>
/// Turns what a try can throw into failures, worded the same for every operation: the try's time running out, a connection cut
/// mid-answer, a request the backend's protocol cannot express (400). The client leaving is no failure: it propagates.
/// </summary>
internal sealed class FailureMappingCall(IUpstreamCall inner) : DelegatingUpstreamCall(inner)
{
    public override async Task<Outcome<TAnswer>> CallAsync<TAnswer>(UpstreamTry attempt, IUpstreamOperation<TAnswer> operation, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Inner.CallAsync(attempt, operation, cancellationToken);
            return result.Failure is { Kind: FailureKind.Timeout } ? TimedOut(attempt, operation) : result;
        }
        catch (OperationCanceledException) when (!attempt.Aborted.IsCancellationRequested)
        {
            return TimedOut(attempt, operation);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException)
        {
            return new UpstreamFailure { Kind = FailureKind.Protocol, Message = $"the answer was cut off: {UpstreamClient.Describe(e)}" };
        }
        catch (UnsupportedRequestException e)
        {
            return Unsupported(e);
        }
    }

    public static UpstreamFailure Unsupported(UnsupportedRequestException e) =>
        new() { Kind = FailureKind.Status, StatusCode = 400, Code = "unsupported_content", Message = e.Message, Param = e.Param };

    private static UpstreamFailure TimedOut<TAnswer>(UpstreamTry attempt, IUpstreamOperation<TAnswer> operation) => new()
    {
        Kind = FailureKind.Timeout,
        Message = $"no {operation.Awaited} within {attempt.Limit}",
        OutOfRequestTime = attempt.Limit.Budget is not null,
    };
}
