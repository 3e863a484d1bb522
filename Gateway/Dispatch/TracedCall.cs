using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>The try's span (GenAI conventions), opened when it starts and closed when it ends, with its outcome and usage.</summary>
internal sealed class TracedCall(IUpstreamCall inner) : DelegatingUpstreamCall(inner), ITryObserver
{
    public override async Task<Outcome<TAnswer>> CallAsync<TAnswer>(UpstreamTry attempt, IUpstreamOperation<TAnswer> operation, CancellationToken cancellationToken)
    {
        attempt.Activity = GatewayTelemetry.StartAttempt(operation.Name, attempt.Candidate, attempt.Number, operation.RequestedModel);
        attempt.Observe(this);
        try
        {
            return await Inner.CallAsync(attempt, operation, cancellationToken);
        }
        catch when (!attempt.Aborted.IsCancellationRequested)
        {
            // Something unforeseen broke: the span ends without a verdict. (A try the client left is ended by its runner.)
            attempt.Activity?.Dispose();
            attempt.Activity = null;
            throw;
        }
    }

    public void Ended(UpstreamTry attempt, Attempt ended, Usage? usage, string? model)
    {
        GatewayTelemetry.EndAttempt(attempt.Activity, attempt.Operation, ended, usage, model, attempt.Abandoned);
        attempt.Activity = null;
    }
}
