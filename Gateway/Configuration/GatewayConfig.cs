namespace Gateway.Configuration;

/// <summary>
/// The whole validated configuration: immutable, built once from the YAML file (and again on reload).
/// Live state (round-robin counters, cooldowns) never lives here.
/// </summary>
internal sealed record GatewayConfig
{
    /// <summary>Absolute path of the file this snapshot was read from.</summary>
    public required string SourcePath { get; init; }

    public required LlmConfig Llm { get; init; }

    /// <summary>Named LLM tools (<c>tools.&lt;name&gt;</c>), in file order.</summary>
    public OrderedDictionary<string, ToolConfig> Tools { get; init; } = new(StringComparer.Ordinal);

    public ModelSelectorConfig ModelSelector { get; init; } = new();

    /// <summary><c>pricing</c>: model name → list price per million tokens.</summary>
    public IReadOnlyDictionary<string, ModelPrice> Pricing { get; init; } = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);

    /// <summary><c>logging</c>: format and level.</summary>
    public LoggingConfig Logging { get; init; } = new();

    /// <summary>The <c>server:</c> section: access keys, request limits, rate limits, reload.</summary>
    public ServerConfig Server { get; init; } = new();

    /// <summary>A short hash of the file's text, shown as <c>x-gateway-config-version</c> and in <c>/health/ready</c> and <c>/health/backends</c>.</summary>
    public string Version { get; init; } = "";

    /// <summary>Things worth telling the operator at startup that do not stop it (ignored sections, legacy format).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>The <c>llm:</c> section.</summary>
internal sealed record LlmConfig
{
    /// <summary><c>llm.backend</c>: the primary backend. Always names a configured backend.</summary>
    public required string Backend { get; init; }

    /// <summary><c>llm.fallback_backends</c>: tried in order after the primary. Each names a configured backend.</summary>
    public IReadOnlyList<string> FallbackBackends { get; init; } = [];

    public GlobalDefaults GlobalDefaults { get; init; } = new();

    /// <summary>Configured backends by name (<c>llm.ollama</c>, <c>llm.openai</c>, ...), in file order.</summary>
    public required OrderedDictionary<string, BackendConfig> Backends { get; init; }

    /// <summary><c>llm.resilience</c>: when a failing endpoint cools down and for how long.</summary>
    public CooldownSettings Resilience { get; init; } = new();

    /// <summary><c>llm.model_aliases</c>: model ids (or <c>prefix*</c> globs) clients send, and the model each stands for; file order.</summary>
    public IReadOnlyList<ModelAlias> ModelAliases { get; init; } = [];

    /// <summary>The backend for requests that name no backend: <c>global_defaults.default_backend</c>, else <c>llm.backend</c>.</summary>
    public string DefaultBackend => GlobalDefaults.DefaultBackend ?? Backend;

    /// <summary>The backend for embeddings: <c>global_defaults.default_embedding_backend</c>, else the default backend.</summary>
    public string DefaultEmbeddingBackend => GlobalDefaults.DefaultEmbeddingBackend ?? DefaultBackend;
}

/// <summary><c>llm.global_defaults</c>.</summary>
internal sealed record GlobalDefaults
{
    public string? DefaultBackend { get; init; }
    public string? DefaultEmbeddingBackend { get; init; }
    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }

    /// <summary><c>timeout_seconds</c>, <c>stream_idle_timeout_seconds</c>, <c>max_retries</c>, <c>truncate_prompts</c>.</summary>
    public ResilienceSettings Resilience { get; init; } = ResilienceSettings.None;
}
