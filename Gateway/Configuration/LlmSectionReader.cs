namespace Gateway.Configuration;

/// <summary>
/// Reads <c>llm:</c>: the backend sections first, then every value that names a backend (<c>backend</c>, <c>fallback_backends</c>,
/// <c>global_defaults.default_backend</c>, <c>global_defaults.default_embedding_backend</c>, the targets of <c>model_aliases</c>), checked
/// against the sections present.
/// </summary>
internal static class LlmSectionReader
{
    private static readonly string[] Keys = ["backend", "fallback_backends", "global_defaults", "resilience", "model_aliases", .. BackendNames.All];
    private static readonly string[] GlobalDefaultsKeys = ["default_backend", "default_embedding_backend", "temperature", "max_tokens", .. ResilienceSettingsReader.Keys];

    private static readonly string NoBackend =
        $"no backend section is configured; add one under llm, e.g. 'ollama: {{}}' for a local Ollama (valid backends: {string.Join(", ", BackendNames.All)})";

    public static void Read(ConfigNode? node, ConfigDraft draft)
    {
        var llm = node?.Mapping(Keys) ?? LegacyLayout.Read(draft);
        if (llm is null)
        {
            draft.Root.Context.Diagnostics.Error(draft.Root.Start, "llm", NoBackend);
            draft.Llm = new LlmConfig { Backend = "", Backends = new(StringComparer.Ordinal) };
            return;
        }

        var backends = new OrderedDictionary<string, BackendConfig>(StringComparer.Ordinal);
        foreach (var entry in llm.Entries)
        {
            if (BackendNames.TryGetKind(entry.Key, out var kind))
            {
                backends[entry.Key] = BackendSectionReader.Read(kind, entry.Value, entry.Key);
            }
        }

        var configured = backends.Keys;
        var defaultsSection = llm.Get("global_defaults")?.Mapping(GlobalDefaultsKeys);
        var defaultBackendNode = defaultsSection?.Get("default_backend");
        var defaults = ReadGlobalDefaults(defaultsSection, configured);

        var backendNode = llm.Get("backend");
        var backend = backendNode is not null
            ? BackendReferences.Resolve(backendNode, configured)
            : defaults.DefaultBackend ?? (backends.ContainsKey(BackendNames.Ollama) ? BackendNames.Ollama : configured.FirstOrDefault());

        if (backends.Count == 0 && backendNode is null && defaultBackendNode is null)
        {
            llm.Owner.Context.Diagnostics.Error(llm.Owner.Start, "llm", NoBackend);
        }

        draft.Llm = new LlmConfig
        {
            Backend = backend ?? "",
            FallbackBackends = ReadFallbacks(llm.Get("fallback_backends"), backend, configured),
            GlobalDefaults = defaults,
            Backends = backends,
            Resilience = ResilienceSettingsReader.ReadCooldown(llm.Get("resilience")),
            ModelAliases = ModelAliasesReader.Read(llm.Get("model_aliases"), configured, backends.Values),
        };
        draft.LlmDefaultsResolved = backend is not null && (defaultBackendNode is null || defaults.DefaultBackend is not null);
    }

    private static GlobalDefaults ReadGlobalDefaults(ConfigMapping? section, IReadOnlyList<string> configured)
    {
        if (section is null)
        {
            return new GlobalDefaults();
        }

        var embeddingNode = section.Get("default_embedding_backend");
        var embeddingBackend = embeddingNode is null ? null : BackendReferences.Resolve(embeddingNode, configured);
        if (embeddingBackend == BackendNames.Anthropic)
        {
            var others = BackendNames.All.Where(name => name != BackendNames.Anthropic);
            embeddingNode!.Error($"anthropic has no embeddings API; use one of: {string.Join(", ", others)}");
            embeddingBackend = null;
        }

        return new GlobalDefaults
        {
            DefaultBackend = section.Get("default_backend") is { } backendNode ? BackendReferences.Resolve(backendNode, configured) : null,
            DefaultEmbeddingBackend = embeddingBackend,
            Temperature = section.Get("temperature")?.Number(0, 2),
            MaxTokens = section.Get("max_tokens")?.PositiveInt(),
            Resilience = ResilienceSettingsReader.Read(section),
        };
    }

    /// <summary>The fallback chain in order; unusable names are errors, repeats of the primary or of each other are dropped with a warning.</summary>
    private static string[] ReadFallbacks(ConfigNode? node, string? primary, IReadOnlyList<string> configured)
    {
        if (node is null)
        {
            return [];
        }

        var fallbacks = new List<string>();
        foreach (var item in node.Items("a list of backend names such as [\"openai\", \"ollama\"]"))
        {
            if (BackendReferences.Resolve(item, configured) is not { } name)
            {
                continue;
            }

            if (name == primary)
            {
                item.Warning($"'{name}' is already the primary backend (llm.backend); dropped from the fallback chain");
            }
            else if (fallbacks.Contains(name))
            {
                item.Warning($"'{name}' is listed more than once; the repeat is dropped");
            }
            else
            {
                fallbacks.Add(name);
            }
        }

        return [.. fallbacks];
    }
}
