namespace Gateway.Configuration;

/// <summary>What one backend kind accepts under <c>llm.&lt;name&gt;</c> and what it falls back to when a key is omitted.</summary>
/// <param name="DefaultBaseUrl">The URL used when <c>base_url</c> is omitted; null for Azure, whose URL is <c>endpoint</c>.</param>
/// <param name="KeyVariable">The environment variable read when <c>api_key</c> is omitted or expands empty.</param>
/// <param name="NeedsKey">Whether requests cannot work without a key (then a missing key gets a hint, not a startup error).</param>
/// <param name="Keys">The valid keys of the section, in the order messages list them.</param>
internal sealed record BackendSectionSpec(BackendKind Kind, string Name, string? DefaultBaseUrl, string? KeyVariable, bool NeedsKey, IReadOnlyList<string> Keys)
{
    public const string AzureDefaultApiVersion = "2024-10-21";
    public const string AzureEndpointVariable = "AZURE_OPENAI_ENDPOINT";

    private static readonly Dictionary<BackendKind, BackendSectionSpec> Specs = new()
    {
        [BackendKind.Ollama] = new(BackendKind.Ollama, BackendNames.Ollama, "http://localhost:11434", null, NeedsKey: false,
            ["base_url", "api_key", "models", "endpoints", "context_windows", "max_output_tokens", "embedding_model", .. ResilienceSettingsReader.Keys]),
        [BackendKind.OpenAI] = new(BackendKind.OpenAI, BackendNames.OpenAI, "https://api.openai.com/v1", "OPENAI_API_KEY", NeedsKey: true,
            ["base_url", "api_key", "organization", "models", "endpoints", "context_windows", "max_output_tokens", "embedding_model", .. ResilienceSettingsReader.Keys]),
        // Anthropic has no embeddings API, so embedding_model is not offered.
        [BackendKind.Anthropic] = new(BackendKind.Anthropic, BackendNames.Anthropic, "https://api.anthropic.com", "ANTHROPIC_API_KEY", NeedsKey: true,
            ["base_url", "api_key", "models", "endpoints", "context_windows", "max_output_tokens", .. ResilienceSettingsReader.Keys]),
        [BackendKind.Azure] = new(BackendKind.Azure, BackendNames.Azure, null, "AZURE_OPENAI_API_KEY", NeedsKey: true,
            ["endpoint", "api_key", "deployment_name", "api_version", "deployments", "models", "context_windows", "max_output_tokens", "embedding_model", .. ResilienceSettingsReader.Keys]),
        [BackendKind.LMStudio] = new(BackendKind.LMStudio, BackendNames.LMStudio, "http://localhost:1234/v1", "LM_API_TOKEN", NeedsKey: false,
            ["base_url", "api_key", "models", "endpoints", "context_windows", "max_output_tokens", "embedding_model", .. ResilienceSettingsReader.Keys]),
        // The mock is reached in-process, so it has no URL or key; its own keys shape the answers and inject failures.
        [BackendKind.Mock] = new(BackendKind.Mock, BackendNames.Mock, "http://mock.invalid", null, NeedsKey: false,
            ["models", "context_windows", "max_output_tokens", "embedding_model", .. MockSectionReader.Keys, .. ResilienceSettingsReader.Keys]),
    };

    public static BackendSectionSpec For(BackendKind kind) => Specs[kind];

    /// <summary>How to supply a missing key, e.g. <c>set OPENAI_API_KEY or llm.openai.api_key</c>; null when none is needed.</summary>
    public string? ApiKeyHint => NeedsKey ? $"set {KeyVariable} or llm.{Name}.api_key" : null;
}
