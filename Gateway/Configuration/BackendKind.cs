namespace Gateway.Configuration;

/// <summary>The wire protocol family a configured backend speaks.</summary>
internal enum BackendKind
{
    Ollama,
    OpenAI,
    Anthropic,
    Azure,
    LMStudio,
}

/// <summary>The table of backend names the config may use, looked up by name.</summary>
internal static class BackendNames
{
    public const string Ollama = "ollama";
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";
    public const string Azure = "azure";
    public const string LMStudio = "lmstudio";

    private static readonly Dictionary<string, BackendKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        [Ollama] = BackendKind.Ollama,
        [OpenAI] = BackendKind.OpenAI,
        [Anthropic] = BackendKind.Anthropic,
        [Azure] = BackendKind.Azure,
        [LMStudio] = BackendKind.LMStudio,
    };

    /// <summary>Every known backend name, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Ollama, OpenAI, Anthropic, Azure, LMStudio];

    public static bool TryGetKind(string name, out BackendKind kind) => Kinds.TryGetValue(name, out kind);

    public static bool IsKnown(string name) => Kinds.ContainsKey(name);
}
