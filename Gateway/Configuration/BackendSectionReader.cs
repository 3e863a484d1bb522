namespace Gateway.Configuration;

/// <summary>Reads one backend section (<c>llm.ollama</c>, <c>llm.openai</c>, ...) into a <see cref="BackendConfig"/> with defaults applied.</summary>
internal static class BackendSectionReader
{
    /// <summary>Always returns a config (best effort when the section has errors) so later checks see the section as configured.</summary>
    /// <param name="name">The section's name, when a kind has several (<c>mock</c>, <c>mock_fallback</c>); the kind's name otherwise.</param>
    public static BackendConfig Read(BackendKind kind, ConfigNode node, string? name = null)
    {
        var spec = BackendSectionSpec.For(kind);
        var section = node.Mapping(spec.Keys);
        var apiKey = section.Get("api_key")?.Text("an API key")
            ?? (spec.KeyVariable is null ? null : node.Context.Variable(spec.KeyVariable));

        if (kind == BackendKind.Azure)
        {
            return AzureSectionReader.Read(section, spec, apiKey);
        }

        if (kind == BackendKind.Mock)
        {
            return MockSectionReader.Read(section, name ?? spec.Name, spec.DefaultBaseUrl!);
        }

        var baseUrl = section.Get("base_url")?.Url() ?? spec.DefaultBaseUrl!;
        var endpoints = new OrderedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var models = ModelMapsReader.ReadModels(section.Get("models"), kind, baseUrl, endpoints);
        ModelMapsReader.ReadEndpoints(section.Get("endpoints"), node.Path, baseUrl, models, endpoints);

        return new BackendConfig
        {
            Name = spec.Name,
            Kind = kind,
            BaseUrl = baseUrl,
            ApiKey = apiKey,
            ApiKeyHint = spec.ApiKeyHint,
            Organization = section.Get("organization")?.Text(),
            Models = models,
            Endpoints = endpoints,
            ContextWindows = ModelMapsReader.ReadContextWindows(section.Get("context_windows")),
            MaxOutputTokens = ModelMapsReader.ReadMaxOutputTokens(section.Get("max_output_tokens")),
            EmbeddingModel = section.Get("embedding_model")?.Text(),
            Resilience = ResilienceSettingsReader.Read(section),
        };
    }
}
