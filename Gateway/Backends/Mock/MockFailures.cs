using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Gateway.Configuration;

namespace Gateway.Backends.Mock;

/// <summary>Decides which requests a mock section fails: on demand (<c>fail_on_text</c>), the first N, or a random share.</summary>
internal sealed class MockFailures
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _served = new(StringComparer.Ordinal);

    /// <summary>Why this request fails, or null when it is answered. <paramref name="demand"/> is the text a client can put a trigger in.</summary>
    public string? Decide(string backend, MockSettings settings, string demand)
    {
        var counter = _served.GetOrAdd(backend, static _ => new StrongBox<long>());
        var number = Interlocked.Increment(ref counter.Value);

        if (settings.FailOnText is { Length: > 0 } trigger && demand.Contains(trigger, StringComparison.Ordinal))
        {
            return $"the request contains fail_on_text '{trigger}'";
        }

        if (number <= settings.FailFirstN)
        {
            return $"request {number} of the first {settings.FailFirstN} set by fail_first_n";
        }

#pragma warning disable CA5394 // Injected failures are a simulation, not security: a fast shared generator is right.
        if (settings.FailRate > 0 && Random.Shared.NextDouble() < settings.FailRate)
#pragma warning restore CA5394
        {
            return $"fail_rate {settings.FailRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        return null;
    }
}
