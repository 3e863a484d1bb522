using Gateway.Configuration;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Selection;

/// <summary><c>model_selector.models</c>: stated traits are read, and every mistake is a startup error saying what would be valid.</summary>
public sealed class ModelSelectorConfigTests
{
    private const string Ollama = "llm:\n  ollama:\n    models: {generator: \"qwen2.5-coder:14b\"}\n";

    [Fact]
    public void Parse_StatedModel_ReadsEveryTrait()
    {
        var config = Parse(Ollama + """
            model_selector:
              models:
                "qwen2.5-coder:14b":
                  context_window: 32768
                  speed: "Fast"
                  cost: "free"
                  quality: "excellent"
                  specializations: ["code-generation", "Debugging", "code-generation"]
            """);

        var entry = Assert.Single(config.ModelSelector.Models);
        Assert.Equal("qwen2.5-coder:14b", entry.Model);
        Assert.Null(entry.Backend);
        Assert.Equal((32768, SpeedTier.Fast, CostTier.Free, QualityTier.Excellent), (entry.ContextWindow, entry.Speed, entry.Cost, entry.Quality));
        Assert.Equal(["code-generation", "debugging"], entry.Specializations);
    }

    [Theory]
    [InlineData("{speed: \"quick\"}", "test.yaml:7:14: model_selector.models.llama3.speed: 'quick' is not one of: slow, medium, fast, very-fast")]
    [InlineData("{cost: \"cheap\"}", "test.yaml:7:13: model_selector.models.llama3.cost: 'cheap' is not one of: free, low, medium, high")]
    [InlineData("{quality: \"great\"}", "test.yaml:7:16: model_selector.models.llama3.quality: 'great' is not one of: fair, good, excellent")]
    [InlineData("{context_window: 0}", "test.yaml:7:23: model_selector.models.llama3.context_window: expected a whole number greater than 0, found '0'")]
    [InlineData("{specializations: [\"cooking\"]}", "test.yaml:7:25: model_selector.models.llama3.specializations[0]: unknown specialization 'cooking'; valid: code-generation, debugging, refactoring, analysis, reasoning, complex-tasks, quick-responses, simple-tasks, triage, long-context, documents, books, general-tasks")]
    [InlineData("{sped: \"fast\"}", "test.yaml:7:7: model_selector.models.llama3: unknown key 'sped'; valid keys: backend, context_window, speed, cost, quality, specializations (did you mean 'speed'?)")]
    public void Parse_BadStatedValue_IsAStartupErrorListingTheValidOnes(string entry, string error)
    {
        var yaml = "llm:\n  ollama:\n    models: {overseer: \"llama3\"}\nmodel_selector:\n  models:\n    llama3:\n      " + entry.Trim('{', '}') + "\n";

        Assert.Equal(error, ParseError(yaml));
    }

    [Fact]
    public void Parse_ModelNoBackendNames_WithoutBackend_SaysToAddOne()
    {
        var error = ParseError(Ollama + "model_selector:\n  models:\n    \"gpt-4.1\": {cost: \"medium\"}\n");

        Assert.Equal(
            "test.yaml:6:5: model_selector.models[\"gpt-4.1\"]: model 'gpt-4.1' is not named by any backend (models, context_windows, Azure deployments); "
            + "add 'backend: <name>' to put it in that backend's catalogue (configured backends: ollama)",
            error);
    }

    [Fact]
    public void Parse_StatedBackendWithoutSection_SaysWhatToAdd()
    {
        var error = ParseError(Ollama + "model_selector:\n  models:\n    \"gpt-4.1\": {backend: \"openai\"}\n");

        Assert.Equal(
            "test.yaml:6:26: model_selector.models[\"gpt-4.1\"].backend: backend 'openai' has no section llm.openai; configured backends: ollama. Add 'openai: {}' under llm to use its defaults",
            error);
    }
}
