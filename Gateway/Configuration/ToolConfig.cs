namespace Gateway.Configuration;

/// <summary>One entry of <c>tools:</c>.</summary>
internal sealed record ToolConfig
{
    public required string Name { get; init; }

    /// <summary><c>type</c>; only <c>llm</c> is served.</summary>
    public string Type { get; init; } = "llm";

    /// <summary><c>backend</c>: overrides the default backend for this tool.</summary>
    public string? Backend { get; init; }

    /// <summary><c>llm.model_key</c>: a key of the backend's <c>models</c>.</summary>
    public string? ModelKey { get; init; }

    /// <summary><c>llm.model</c>: a concrete model; wins over <see cref="ModelKey"/>.</summary>
    public string? Model { get; init; }

    public string? Description { get; init; }
    public string? SystemPrompt { get; init; }
    public string? PromptTemplate { get; init; }
    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }

    /// <summary>The tool's own <c>timeout_seconds</c>, <c>stream_idle_timeout_seconds</c>, <c>max_retries</c>, <c>truncate_prompts</c>.</summary>
    public ResilienceSettings Resilience { get; init; } = ResilienceSettings.None;
}

/// <summary><c>model_selector:</c>.</summary>
internal sealed record ModelSelectorConfig
{
    public bool Enabled { get; init; } = true;
    public SelectorWeights Weights { get; init; } = new();

    /// <summary><c>model_selector.models</c>: stated facts about models, in file order.</summary>
    public IReadOnlyList<SelectorModelEntry> Models { get; init; } = [];
}

/// <summary><c>model_selector.weights</c>: relative weights of each sub-score.</summary>
internal sealed record SelectorWeights
{
    public double ContextWindow { get; init; } = 30;
    public double Speed { get; init; } = 25;
    public double Cost { get; init; } = 15;
    public double Quality { get; init; } = 15;
    public double Specialization { get; init; } = 15;
}
