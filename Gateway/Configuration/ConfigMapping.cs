namespace Gateway.Configuration;

/// <summary>A mapping whose keys were checked against the valid ones; unknown keys were reported and left out.</summary>
internal sealed class ConfigMapping
{
    private readonly Dictionary<string, ConfigEntry> _byKey;

    public ConfigMapping(ConfigNode owner, IReadOnlyList<ConfigEntry> entries)
    {
        Owner = owner;
        Entries = entries;
        _byKey = new Dictionary<string, ConfigEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            _byKey.TryAdd(entry.Key, entry);
        }
    }

    /// <summary>The node the mapping was read from (for errors about the mapping as a whole).</summary>
    public ConfigNode Owner { get; }

    /// <summary>The valid entries, in file order.</summary>
    public IReadOnlyList<ConfigEntry> Entries { get; }

    /// <summary>True when the key is written, even with a null value.</summary>
    public bool Has(string key) => _byKey.ContainsKey(key);

    /// <summary>The value of <paramref name="key"/>; null when the key is absent or its value is null (<c>~</c>, <c>null</c>, empty).</summary>
    public ConfigNode? Get(string key) => _byKey.TryGetValue(key, out var entry) && !entry.Value.IsNull ? entry.Value : null;
}
