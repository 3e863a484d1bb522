using Gateway.Backends;
using Gateway.Exchange;

namespace Gateway.Dispatch;

/// <summary>A stage that acts when a try ends (which for a stream is after the call that started it has returned).</summary>
internal interface ITryObserver
{
    void Ended(UpstreamTry attempt, Attempt ended, Usage? usage, string? model);
}
