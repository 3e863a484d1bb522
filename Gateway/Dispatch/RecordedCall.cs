using Gateway.Backends;
using Gateway.Exchange;

namespace Gateway.Dispatch;

/// <summary>Adds the ended try to the request's <see cref="DispatchRecord"/> and logs a failed one.</summary>
internal sealed partial class RecordedCall(IUpstreamCall inner, ILogger<RecordedCall> logger) : DelegatingUpstreamCall(inner), ITryObserver
{
    public override Task<Outcome<TAnswer>> CallAsync<TAnswer>(UpstreamTry attempt, IUpstreamOperation<TAnswer> operation, CancellationToken cancellationToken)
    {
        attempt.Observe(this);
        return Inner.CallAsync(attempt, operation, cancellationToken);
    }

    public void Ended(UpstreamTry attempt, Attempt ended, Usage? usage, string? model)
    {
        attempt.Record.Add(ended);
        if (ended.Failure is not null)
        {
            LogAttemptFailed(attempt.Operation, ended.Describe());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt failed ({Operation}): {Attempt}")]
    private partial void LogAttemptFailed(string operation, string attempt);
}
