namespace Gateway.Configuration;

/// <summary>The wire protocol family a configured backend speaks.</summary>
internal enum BackendKind
{
    Ollama,
    OpenAI,
    Anthropic,
    Azure,
    LMStudio,

    /// <summary>The built-in mock: answers in OpenAI's shapes from inside the gateway, for demos and client tests without an LLM.</summary>
    Mock,
}

/// <summary>The table of backend names the config may use, looked up by name.</summary>
internal static class BackendNames
{
    public const string Ollama = "ollama";
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";
    public const string Azure = "azure";
    public const string LMStudio = "lmstudio";

    /// <summary>The built-in mock backend.</summary>
    public const string Mock = "mock";

    /// <summary>A second mock section, so a fallback chain can be tried with no LLM at all.</summary>
    public const string MockFallback = "mock_fallback";

    private static readonly Dictionary<string, BackendKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        [Ollama] = BackendKind.Ollama,
        [OpenAI] = BackendKind.OpenAI,
        [Anthropic] = BackendKind.Anthropic,
        [Azure] = BackendKind.Azure,
        [LMStudio] = BackendKind.LMStudio,
        [Mock] = BackendKind.Mock,
        [MockFallback] = BackendKind.Mock,
    };

    /// <summary>Every known backend name, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Ollama, OpenAI, Anthropic, Azure, LMStudio, Mock, MockFallback];

    public static bool TryGetKind(string name, out BackendKind kind) => Kinds.TryGetValue(name, out kind);

    public static bool IsKnown(string name) => Kinds.ContainsKey(name);

    /// <summary>True when <paramref name="name"/> is a section of the built-in mock (<c>mock</c>, <c>mock_fallback</c>).</summary>
    public static bool IsMock(string? name) => name is not null && Kinds.TryGetValue(name, out var kind) && kind == BackendKind.Mock;
}
