namespace Gateway.Dispatch;

/// <summary>Composes the stages of a try around its core call; the first stage added is the outermost.</summary>
internal sealed class UpstreamCallBuilder(IUpstreamCall core)
{
    private readonly List<Func<IUpstreamCall, IUpstreamCall>> _stages = [];

    public UpstreamCallBuilder Use(Func<IUpstreamCall, IUpstreamCall> stage)
    {
        _stages.Add(stage);
        return this;
    }

    public IUpstreamCall Build()
    {
        var call = core;
        for (var i = _stages.Count - 1; i >= 0; i--)
        {
            call = _stages[i](call);
        }

        return call;
    }
}
