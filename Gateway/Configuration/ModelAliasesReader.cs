namespace Gateway.Configuration;

/// <summary>
/// Reads <c>llm.model_aliases</c>: model id (or <c>prefix*</c>) → the <c>model</c> it stands for. An id is written once (matching is
/// case-insensitive), a <c>*</c> stands only at the end of a prefix, and a target that names a backend by prefix names a configured one.
/// </summary>
internal static class ModelAliasesReader
{
    public const string Section = "llm.model_aliases";

    private const string Expected = "a mapping of model id (or 'prefix*'): model key, model name or <backend>/<model>, such as \"claude-haiku-*\": \"ollama/llama3\"";
    private const string ExpectedTarget = "a model key, a model name or <backend>/<key-or-model>";

    public static ModelAlias[] Read(ConfigNode? node, IReadOnlyList<string> configured, IEnumerable<BackendConfig> backends)
    {
        if (node is null)
        {
            return [];
        }

        var aliases = new List<ModelAlias>();
        var seen = new Dictionary<string, ConfigEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in node.Entries(Expected))
        {
            var pattern = entry.Key.Trim();
            var problem = PatternProblem(pattern);
            if (problem is not null)
            {
                entry.KeyNode.Context.Diagnostics.Error(entry.KeyNode.Start, entry.Value.Path, problem);
                continue;
            }

            if (!seen.TryAdd(pattern, entry))
            {
                var first = seen[pattern];
                entry.KeyNode.Context.Diagnostics.Error(
                    entry.KeyNode.Start,
                    entry.Value.Path,
                    $"'{pattern}' is already an alias (as '{first.Key}' at line {first.KeyNode.Start.Line}); ids match case-insensitively, so keep one of the two");
                continue;
            }

            if (entry.Value.RequiredText(ExpectedTarget) is { } target && TargetIsUsable(target.Trim(), entry.Value, configured))
            {
                var alias = new ModelAlias(pattern, target.Trim());
                WarnIfShadowing(alias, entry, backends);
                aliases.Add(alias);
            }
        }

        return [.. aliases];
    }

    private static string? PatternProblem(string pattern)
    {
        if (pattern.Length == 0)
        {
            return "expected a model id as the key, found an empty one";
        }

        if (pattern == "*")
        {
            return "a bare '*' would catch every model, model keys included; name a prefix such as \"claude-*\"";
        }

        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        return star >= 0 && star != pattern.Length - 1
            ? $"'{pattern}' has a '*' before its end; a '*' may only end a prefix, such as \"claude-haiku-*\""
            : null;
    }

    /// <summary>
    /// A target is read as a request's <c>model</c>: a prefix that is a backend name needs that backend's section and a model after the
    /// '/'; a prefix one or two letters off a backend name is taken for a misspelt one.
    /// </summary>
    private static bool TargetIsUsable(string target, ConfigNode node, IReadOnlyList<string> configured)
    {
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return true;
        }

        var prefix = target[..slash];
        if (BackendNames.IsKnown(prefix))
        {
            var name = prefix.ToLowerInvariant();
            if (!configured.Contains(name))
            {
                var have = configured.Count == 0 ? "no backend section is configured yet" : $"configured backends: {string.Join(", ", configured)}";
                node.Error($"'{target}' names backend '{name}', which has no section llm.{name}; {have}. Add '{name}: {{}}' under llm, or name another backend");
                return false;
            }

            if (slash == target.Length - 1)
            {
                node.Error($"'{target}' names backend '{name}' but no model after the '/'; use '{name}/<model key or model>'");
                return false;
            }

            return true;
        }

        if (DidYouMean.Closest(prefix, BackendNames.All) is { } meant)
        {
            node.Error(
                $"'{target}' begins with '{prefix}/', which is not a backend (did you mean '{meant}'?); valid backends: {string.Join(", ", BackendNames.All)}. "
                + $"For a model whose name begins with '{prefix}/', put its backend first: '<backend>/{target}'");
            return false;
        }

        return true;
    }

    /// <summary>Aliases are applied before model keys: an alias that catches a model key takes that key's requests, which is worth a word.</summary>
    private static void WarnIfShadowing(ModelAlias alias, ConfigEntry entry, IEnumerable<BackendConfig> backends)
    {
        foreach (var backend in backends)
        {
            foreach (var key in backend.Models.Keys)
            {
                var caught = alias.IsGlob
                    ? key.StartsWith(alias.Prefix, StringComparison.OrdinalIgnoreCase)
                    : string.Equals(key, alias.Pattern, StringComparison.OrdinalIgnoreCase);
                if (caught && !string.Equals(key, alias.Target, StringComparison.Ordinal))
                {
                    entry.KeyNode.Context.Diagnostics.Warning(
                        entry.KeyNode.Start,
                        entry.Value.Path,
                        $"alias '{alias.Pattern}' catches model key '{key}' (llm.{backend.Name}.models), so requests for '{key}' go to '{alias.Target}'; aliases apply before model keys");
                    return;
                }
            }
        }
    }
}
