using Gateway.Backends;

namespace Gateway.Dispatch;

/// <summary>
/// One try of one candidate: send what the operation builds and read what comes back. The core (<see cref="SendingCall"/>) does only
/// that; recording, telemetry, health feedback and failure mapping wrap it as decorators (<see cref="DelegatingUpstreamCall"/>),
/// composed once by <see cref="UpstreamCallBuilder"/>, first added outermost. Retries and timeouts stay Polly's
/// (<see cref="AttemptRunner"/>), around the whole chain.
/// </summary>
internal interface IUpstreamCall
{
    Task<Outcome<TAnswer>> CallAsync<TAnswer>(UpstreamTry attempt, IUpstreamOperation<TAnswer> operation, CancellationToken cancellationToken)
        where TAnswer : IUpstreamAnswer;
}
