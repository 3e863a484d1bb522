namespace Gateway.Configuration;

/// <summary>
/// What the section readers have produced so far for one file. Readers run in table order, so a reader can look at the results of
/// the sections above it (tools check their backend against <see cref="Llm"/>). Becomes a <see cref="GatewayConfig"/> when error-free.
/// </summary>
internal sealed class ConfigDraft(ConfigNode root, IReadOnlyList<ConfigEntry> topLevel)
{
    public ConfigNode Root { get; } = root;

    /// <summary>The top-level entries in file order (the legacy layout reads backend sections from here).</summary>
    public IReadOnlyList<ConfigEntry> TopLevel { get; } = topLevel;

    public LlmConfig? Llm { get; set; }

    /// <summary>False when <c>llm.backend</c> or <c>global_defaults.default_backend</c> could not be resolved; checks built on them are skipped.</summary>
    public bool LlmDefaultsResolved { get; set; }

    public OrderedDictionary<string, ToolConfig> Tools { get; } = new(StringComparer.Ordinal);

    public ModelSelectorConfig ModelSelector { get; set; } = new();

    public Dictionary<string, ModelPrice> Pricing { get; } = new(StringComparer.Ordinal);

    public LoggingConfig Logging { get; set; } = new();
    public ServerConfig Server { get; set; } = new();
}
