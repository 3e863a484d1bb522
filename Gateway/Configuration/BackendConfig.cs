namespace Gateway.Configuration;

/// <summary>One backend section (<c>llm.&lt;name&gt;</c>) with defaults applied and <c>${VAR}</c> expanded.</summary>
internal sealed record BackendConfig
{
    /// <summary>The section name, e.g. <c>ollama</c>.</summary>
    public required string Name { get; init; }

    public required BackendKind Kind { get; init; }

    /// <summary>
    /// Where requests go, without a trailing slash. Defaults: ollama <c>http://localhost:11434</c>, openai <c>https://api.openai.com/v1</c>,
    /// anthropic <c>https://api.anthropic.com</c>, lmstudio <c>http://localhost:1234/v1</c>; azure uses <c>endpoint</c>
    /// (else <c>AZURE_OPENAI_ENDPOINT</c>) and may be empty when every deployment carries its own endpoint.
    /// </summary>
    public required string BaseUrl { get; init; }

    /// <summary>The API key after expansion and the provider env-var fallback; null when none is set.</summary>
    public string? ApiKey { get; init; }

    /// <summary>How to supply a missing key, e.g. <c>set OPENAI_API_KEY or llm.openai.api_key</c>. Null for backends that need none.</summary>
    public string? ApiKeyHint { get; init; }

    /// <summary>True when requests to this backend cannot work without <see cref="ApiKey"/> (openai, anthropic, azure).</summary>
    public bool RequiresApiKey => ApiKeyHint is not null;

    /// <summary><c>organization</c> (OpenAI): sent as <c>OpenAI-Organization</c>.</summary>
    public string? Organization { get; init; }

    /// <summary><c>models</c>: model key (role) → concrete model name, in file order.</summary>
    public OrderedDictionary<string, string> Models { get; init; } = new(StringComparer.Ordinal);

    /// <summary><c>endpoints</c>: model key → base URLs used round-robin for that key (Ollama).</summary>
    public OrderedDictionary<string, IReadOnlyList<string>> Endpoints { get; init; } = new(StringComparer.Ordinal);

    /// <summary><c>context_windows</c>: model name → context window in tokens.</summary>
    public OrderedDictionary<string, int> ContextWindows { get; init; } = new(StringComparer.Ordinal);

    /// <summary><c>max_output_tokens</c>: model name → the most tokens that model may generate in one answer.</summary>
    public OrderedDictionary<string, int> MaxOutputTokens { get; init; } = new(StringComparer.Ordinal);

    /// <summary><c>embedding_model</c>: the model used for <c>/v1/embeddings</c> when the request names none of this backend's.</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary><c>deployment_name</c> (Azure): the deployment used when no deployment entry matches.</summary>
    public string? DeploymentName { get; init; }

    /// <summary><c>api_version</c> (Azure), default <c>2024-10-21</c>.</summary>
    public string? ApiVersion { get; init; }

    /// <summary><c>deployments</c> (Azure): entry name (a model key or a region label) → deployment, in file order.</summary>
    public OrderedDictionary<string, AzureDeployment> Deployments { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The mock's answers and injected failures (<c>llm.mock</c>, <c>llm.mock_fallback</c>); null for every other kind.</summary>
    public MockSettings? Mock { get; init; }

    /// <summary>This backend's <c>timeout_seconds</c>, <c>stream_idle_timeout_seconds</c>, <c>max_retries</c>, <c>truncate_prompts</c>.</summary>
    public ResilienceSettings Resilience { get; init; } = ResilienceSettings.None;

    /// <summary>The context window configured for <paramref name="model"/>, if any.</summary>
    public int? ContextWindowFor(string model) => ContextWindows.TryGetValue(model, out var window) ? window : null;

    /// <summary>The most tokens <paramref name="model"/> may generate in one answer, if configured.</summary>
    public int? MaxOutputTokensFor(string model) => MaxOutputTokens.TryGetValue(model, out var most) ? most : null;

    /// <summary>Whether this backend may call <paramref name="url"/>: its base URL, an <c>endpoints</c> entry or a deployment's endpoint.</summary>
    public bool Calls(string url)
    {
        if (Same(BaseUrl, url))
        {
            return true;
        }

        foreach (var urls in Endpoints.Values)
        {
            foreach (var member in urls)
            {
                if (Same(member, url))
                {
                    return true;
                }
            }
        }

        foreach (var deployment in Deployments.Values)
        {
            if (deployment.Endpoint is { } endpoint && Same(endpoint, url))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Same(string configured, string url) => configured.AsSpan().TrimEnd('/').Equals(url.AsSpan().TrimEnd('/'), StringComparison.Ordinal);
}

/// <summary>One entry of <c>azure.deployments</c>.</summary>
internal sealed record AzureDeployment
{
    /// <summary>The entry's name under <c>deployments</c> (<c>generator</c>, <c>us_east</c>).</summary>
    public required string Name { get; init; }

    /// <summary><c>deployment</c>: the Azure deployment id used in the URL.</summary>
    public required string Deployment { get; init; }

    /// <summary><c>model</c>: the model this deployment serves, if stated.</summary>
    public string? Model { get; init; }

    /// <summary><c>endpoint</c>: this deployment's own resource endpoint (multi-region), without a trailing slash.</summary>
    public string? Endpoint { get; init; }

    /// <summary><c>api_key</c>: this deployment's own key; the section's key otherwise.</summary>
    public string? ApiKey { get; init; }
}
