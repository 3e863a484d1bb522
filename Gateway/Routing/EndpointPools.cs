using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Gateway.Routing;

/// <summary>
/// The live state of endpoint pools: one round-robin counter per pool key (<c>ollama:overseer</c>, <c>azure:*</c>).
/// Shared by every request and kept across config reloads; everything else in routing is immutable.
/// </summary>
internal sealed class EndpointPools
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _counters = new(StringComparer.Ordinal);

    /// <summary>
    /// The members of pool <paramref name="poolKey"/> in the order this request should try them: request N starts at member
    /// N mod count and continues in rotation. A pool of one member is returned as is and leaves no counter behind.
    /// </summary>
    public IReadOnlyList<PoolEndpoint> Order(string poolKey, IReadOnlyList<PoolEndpoint> members)
    {
        if (members.Count <= 1)
        {
            return members;
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
}
