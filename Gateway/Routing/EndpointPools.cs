using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Gateway.Resilience;

namespace Gateway.Routing;

/// <summary>
/// The live state of endpoint pools: one round-robin counter per pool key (<c>ollama:overseer</c>, <c>azure:*</c>), and the endpoints'
/// health, so that the rotation runs over the endpoints that are not cooling down. Shared by every request and kept across config
/// reloads; everything else in routing is immutable.
/// </summary>
internal sealed class EndpointPools
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _counters = new(StringComparer.Ordinal);
    private readonly EndpointHealth? _health;

    /// <summary>Pools that know nothing of endpoint health: plain round-robin.</summary>
    public EndpointPools()
    {
    }

    /// <summary>Pools whose rotation skips the endpoints <paramref name="health"/> says are cooling down.</summary>
    public EndpointPools(EndpointHealth health)
    {
        _health = health;
    }

    /// <summary>
    /// The members of pool <paramref name="poolKey"/> in the order this request should try them: request N starts at member
    /// N mod count and continues in rotation. When <paramref name="backend"/> is given, members cooling down are taken out of the
    /// rotation and put last (soonest available first), so the dispatcher reaches them only after every available member.
    /// A pool of one member is returned as is and leaves no counter behind.
    /// </summary>
    public IReadOnlyList<PoolEndpoint> Order(string poolKey, IReadOnlyList<PoolEndpoint> members, string? backend = null)
    {
        if (members.Count <= 1)
        {
            return members;
        }

        if (backend is not null && _health is not null && Cooling(backend, members) is { } cooling)
        {
            return OrderAround(poolKey, members, cooling);
        }

        var start = NextStart(poolKey, members.Count);
        var ordered = new PoolEndpoint[members.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = members[(start + i) % ordered.Length];
        }

        return ordered;
    }

    /// <summary>The index (0..count-1) the next request of pool <paramref name="poolKey"/> starts from; advances the pool's counter.</summary>
    public int NextStart(string poolKey, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (count == 1)
        {
            return 0;
        }

        var counter = _counters.GetOrAdd(poolKey, static _ => new StrongBox<int>());

        // Unsigned so the sequence stays non-negative when the counter wraps past int.MaxValue.
        var served = unchecked((uint)Interlocked.Increment(ref counter.Value) - 1u);
        return (int)(served % (uint)count);
    }

    /// <summary>
    /// After a reload: drops the health of endpoints <paramref name="config"/> no longer names and the counters of pools whose backend
    /// it no longer has; everything else carries over.
    /// </summary>
    public void Retain(Configuration.GatewayConfig config)
    {
        _health?.Retain(config);
        foreach (var poolKey in _counters.Keys)
        {
            var colon = poolKey.IndexOf(':', StringComparison.Ordinal);
            if (!config.Llm.Backends.ContainsKey(colon < 0 ? poolKey : poolKey[..colon]))
            {
                _counters.TryRemove(poolKey, out _);
            }
        }
    }

    /// <summary>How long each member still cools down (null: available); null when none of them is cooling.</summary>
    private TimeSpan?[]? Cooling(string backend, IReadOnlyList<PoolEndpoint> members)
    {
        TimeSpan?[]? cooling = null;
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            if (_health!.CoolingFor(new EndpointId(backend, member.Url, member.Deployment)) is { } left)
            {
                cooling ??= new TimeSpan?[members.Count];
                cooling[i] = left;
            }
        }

        return cooling;
    }

    private List<PoolEndpoint> OrderAround(string poolKey, IReadOnlyList<PoolEndpoint> members, TimeSpan?[] cooling)
    {
        var available = new List<PoolEndpoint>(members.Count);
        var resting = new List<(PoolEndpoint Member, TimeSpan Left)>();
        for (var i = 0; i < members.Count; i++)
        {
            if (cooling[i] is { } left)
            {
                resting.Add((members[i], left));
            }
            else
            {
                available.Add(members[i]);
            }
        }

        var ordered = new List<PoolEndpoint>(members.Count);
        if (available.Count > 0)
        {
            var start = NextStart(poolKey, available.Count);
            for (var i = 0; i < available.Count; i++)
            {
                ordered.Add(available[(start + i) % available.Count]);
            }
        }

        resting.Sort(static (a, b) => a.Left.CompareTo(b.Left));
        foreach (var (member, _) in resting)
        {
            ordered.Add(member);
        }

        return ordered;
    }
}
