namespace Gateway.Configuration;

/// <summary>
/// The layout without <c>llm:</c>: backend sections at the top level (the Ollama-only format, <c>ollama: {base_url, models}</c>, and
/// fragments such as a lone <c>openai:</c> block). They are read as if they stood under <c>llm:</c>, with a warning on how to migrate.
/// </summary>
internal static class LegacyLayout
{
    /// <summary>The top-level backend sections viewed as an <c>llm</c> mapping, or null when there are none.</summary>
    public static ConfigMapping? Read(ConfigDraft draft)
    {
        var sections = draft.TopLevel.Where(entry => BackendNames.All.Contains(entry.Key)).ToList();
        if (sections.Count == 0)
        {
            return null;
        }

        foreach (var section in sections)
        {
            var backendHint = section.Key == BackendNames.Ollama ? $" and add 'backend: \"{BackendNames.Ollama}\"'" : "";
            section.KeyNode.Context.Diagnostics.Warning(
                section.KeyNode.Start,
                "",
                $"top-level '{section.Key}:' is the legacy layout without 'llm:' and is read as llm.{section.Key}; "
                + $"to migrate, indent it under 'llm:'{backendHint} (README, \"Older layouts\")");
        }

        return new ConfigMapping(draft.Root, sections);
    }
}
