using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Runtime;

/// <summary>
/// The configuration in force and what is derived from it. Requests read <see cref="Current"/> once and use that snapshot throughout,
/// so a later reload never changes a request halfway.
/// </summary>
internal sealed class GatewayRuntime(GatewayConfig config, EndpointPools pools, TimeProvider time)
{
    private volatile Snapshot _current = new(config, new RouteResolver(config, pools), time.GetUtcNow().ToUnixTimeSeconds());

    public Snapshot Current => _current;

    public EndpointPools Pools => pools;

    /// <summary>
    /// Puts <paramref name="next"/> in force: requests that arrive from now on see it, requests already running finish with theirs.
    /// Live state (round-robin positions, endpoint health) carries over for the endpoints <paramref name="next"/> still names.
    /// </summary>
    public Snapshot Apply(GatewayConfig next)
    {
        var snapshot = new Snapshot(next, new RouteResolver(next, pools), time.GetUtcNow().ToUnixTimeSeconds());
        _current = snapshot;
        pools.Retain(next);
        return snapshot;
    }

    /// <summary>One consistent view: the config, its resolver, and when it was loaded (unix seconds).</summary>
    internal sealed record Snapshot(GatewayConfig Config, RouteResolver Resolver, long LoadedAt);
}
