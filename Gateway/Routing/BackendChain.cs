using Gateway.Configuration;

namespace Gateway.Routing;

/// <summary>The order in which configured backends are preferred when a request does not name one.</summary>
internal static class BackendChain
{
    /// <summary>
    /// Every configured backend once: the default backend, then <c>llm.backend</c>, then <c>llm.fallback_backends</c>,
    /// then the remaining sections in file order.
    /// </summary>
    public static IReadOnlyList<BackendConfig> Order(LlmConfig llm)
    {
        var order = new List<BackendConfig>(llm.Backends.Count);
        Add(order, llm, llm.DefaultBackend);
        Add(order, llm, llm.Backend);
        foreach (var name in llm.FallbackBackends)
        {
            Add(order, llm, name);
        }

        foreach (var backend in llm.Backends.Values)
        {
            if (!Contains(order, backend.Name))
            {
                order.Add(backend);
            }
        }

        return order;
    }

    /// <summary>The first backend of <paramref name="chain"/> that has model key <paramref name="key"/> (rule 2 of the model grammar).</summary>
    public static BackendConfig? KeyOwner(IReadOnlyList<BackendConfig> chain, string key)
    {
        foreach (var backend in chain)
        {
            if (ModelCatalog.HasKey(backend, key))
            {
                return backend;
            }
        }

        return null;
    }

    /// <summary>The canonical (lower-case) spelling of a known backend name, matched case-insensitively.</summary>
    public static bool TryCanonicalName(string name, out string canonical)
    {
        foreach (var known in BackendNames.All)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                canonical = known;
                return true;
            }
        }

        canonical = name;
        return false;
    }

    private static void Add(List<BackendConfig> order, LlmConfig llm, string name)
    {
        if (llm.Backends.TryGetValue(name, out var backend) && !Contains(order, name))
        {
            order.Add(backend);
        }
    }

    private static bool Contains(List<BackendConfig> order, string name)
    {
        foreach (var backend in order)
        {
            if (backend.Name == name)
            {
                return true;
            }
        }

        return false;
    }
}
