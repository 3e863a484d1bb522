using Gateway.Backends;

namespace Gateway.Dispatch;

/// <summary>A stage around the next call of the chain: by default it passes the try through unchanged.</summary>
internal abstract class DelegatingUpstreamCall(IUpstreamCall inner) : IUpstreamCall
{
    protected IUpstreamCall Inner { get; } = inner;

    public virtual Task<Outcome<TAnswer>> CallAsync<TAnswer>(UpstreamTry attempt, IUpstreamOperation<TAnswer> operation, CancellationToken cancellationToken)
        where TAnswer : IUpstreamAnswer =>
        Inner.CallAsync(attempt, operation, cancellationToken);
}
