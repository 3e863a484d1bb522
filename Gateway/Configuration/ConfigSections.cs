namespace Gateway.Configuration;

/// <summary>
/// The top-level sections the gateway reads, one reader each. A new section (<c>server</c>, <c>pricing</c>, ...) is one more entry.
/// Any other top-level key only draws a warning: the product's configs carry sections (<c>rag</c>, <c>memory</c>, ...) meant for other programs.
/// </summary>
internal static class ConfigSections
{
    /// <summary>Reads one section into the draft; <paramref name="section"/> is null when the file has no such key.</summary>
    internal delegate void SectionReader(ConfigNode? section, ConfigDraft draft);

    /// <summary>Read in this order, not file order, so a section can check what it names in the sections above it.</summary>
    private static readonly (string Name, SectionReader Read)[] Readers =
    [
        ("llm", LlmSectionReader.Read),
        ("tools", ToolsSectionReader.Read),
        ("model_selector", ModelSelectorSectionReader.Read),
        ("pricing", PricingSectionReader.Read),
        ("logging", LoggingSectionReader.Read),
        ("server", ServerSectionReader.Read),
    ];

    public static IEnumerable<string> Names => Readers.Select(reader => reader.Name);

    public static void ReadAll(ConfigDraft draft)
    {
        var hasLlm = draft.TopLevel.Any(entry => entry.Key == "llm");
        foreach (var entry in draft.TopLevel)
        {
            WarnIfUnused(entry, hasLlm);
        }

        foreach (var (name, read) in Readers)
        {
            read(draft.TopLevel.FirstOrDefault(entry => entry.Key == name)?.Value, draft);
        }
    }

    private static void WarnIfUnused(ConfigEntry entry, bool hasLlm)
    {
        if (Names.Contains(entry.Key))
        {
            return;
        }

        var diagnostics = entry.KeyNode.Context.Diagnostics;
        if (BackendNames.All.Contains(entry.Key))
        {
            if (hasLlm)
            {
                diagnostics.Warning(entry.KeyNode.Start, "", $"top-level section '{entry.Key}' is ignored because an 'llm:' section exists; move it under 'llm:' to use it");
            }

            return; // without llm: it is the legacy layout, read by the llm reader
        }

        diagnostics.Warning(entry.KeyNode.Start, "", $"top-level section '{entry.Key}' is not used by the gateway and is ignored{DidYouMean.Hint(entry.Key, Names)}");
    }
}
