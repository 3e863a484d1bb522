using Gateway.Selection;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Selection;

/// <summary>A four-model catalogue whose traits differ enough that each weight, need and constraint shows in the ranking.</summary>
internal static class SelectorFixture
{
    /// <summary>
    /// ollama qwen2.5-coder:14b (131072, medium, free, good, code + long context), ollama tinyllama (2048, very-fast, free, fair, quick),
    /// anthropic claude-3-opus (200000, slow, high, excellent, reasoning + long context), anthropic claude-3-haiku (200000, very-fast, low,
    /// good, quick + long context).
    /// </summary>
    public const string FourModels = """
        llm:
          backend: "ollama"
          ollama:
            models: {generator: "qwen2.5-coder:14b", triage: "tinyllama"}
            context_windows: {"qwen2.5-coder:14b": 131072, tinyllama: 2048}
          anthropic:
            models: {overseer: "claude-3-opus-20240229", writer: "claude-3-haiku-20240307"}
        """;

    public const string Qwen = "ollama/qwen2.5-coder:14b";
    public const string Tiny = "ollama/tinyllama";
    public const string Opus = "anthropic/claude-3-opus-20240229";
    public const string Haiku = "anthropic/claude-3-haiku-20240307";

    public static ModelSelector Selector(string yaml = FourModels) => new(Parse(yaml));

    /// <summary>The selector's configuration with a <c>model_selector.weights</c> section added.</summary>
    public static ModelSelector WithWeights(string weights) => Selector(FourModels + $"\nmodel_selector:\n  weights: {weights}\n");

    /// <summary><c>backend/model</c> of each recommendation, best first.</summary>
    public static string[] Ranking(this SelectionOutcome outcome)
    {
        Assert.True(outcome.IsSuccess, outcome.Failure);
        return [.. outcome.Recommendations.Select(r => r.Profile.ToString())];
    }

    public static SelectionQuery All(string text = "") => new() { Text = text, TopK = 10 };
}
