namespace Gateway.Configuration;

/// <summary>Checks a value that names a backend: it must be a known backend name and have a section under <c>llm</c>.</summary>
internal static class BackendReferences
{
    /// <summary>The canonical (lower-case) backend name, or null after recording why the reference cannot be used.</summary>
    public static string? Resolve(ConfigNode node, IReadOnlyList<string> configured)
    {
        if (node.RequiredText("a backend name") is not { } name)
        {
            return null;
        }

        var canonical = BackendNames.All.FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
        if (canonical is null)
        {
            node.Error($"unknown backend '{name}'; valid backends: {string.Join(", ", BackendNames.All)}{DidYouMean.Hint(name, BackendNames.All)}");
            return null;
        }

        if (!configured.Contains(canonical))
        {
            var have = configured.Count == 0 ? "no backend section is configured yet" : $"configured backends: {string.Join(", ", configured)}";
            node.Error($"backend '{canonical}' has no section llm.{canonical}; {have}. Add '{canonical}: {{}}' under llm to use its defaults");
            return null;
        }

        return canonical;
    }
}
