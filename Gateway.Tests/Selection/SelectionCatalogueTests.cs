using Gateway.Configuration;
using Gateway.Selection;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Selection;

/// <summary>
/// The catalogue built from each seed example that loads: every model its backends name, with context windows from the config where it
/// gives them (the original gave every non-Anthropic model 4096), and none for configs that name no model.
/// </summary>
public sealed class SelectionCatalogueTests
{
    private const string AzureEndpoint = "https://your-resource.openai.azure.com";

    public static TheoryData<string, string[]> SeedCatalogues => new()
    {
        { "01-quick-start-ollama.yaml", [] },
        { "02-quick-start-anthropic.yaml", [] },
        { "04-configuration-format.yaml", [] },
        { "05-ollama-section.yaml", ["ollama/llama3 8192", "ollama/qwen2.5-coder:14b 131072", "ollama/tinyllama 8192"] },
        { "06-openai-section.yaml", ["openai/gpt-4 8192", "openai/gpt-3.5-turbo 16385", "openai/gpt-4-turbo 128000"] },
        {
            "07-anthropic-section.yaml",
            ["anthropic/claude-3-5-sonnet-20241022 200000", "anthropic/claude-3-haiku-20240307 200000", "anthropic/claude-3-opus-20240229 200000"]
        },
        { "08-azure-section.yaml", ["azure/gpt-4 8192", "azure/gpt-35-turbo 16385"] },
        { "09-lmstudio-section.yaml", ["lmstudio/local-model 8192"] },
        { "13-model-key.yaml", ["anthropic/claude-3-5-sonnet-20241022 200000"] },
        { "17-speed-optimization.yaml", ["openai/gpt-3.5-turbo 16385", "openai/gpt-4-turbo 128000"] },
        { "18-privacy-first.yaml", ["ollama/llama3 8192", "ollama/qwen2.5-coder:14b 32768"] },
        { "19-enterprise-hybrid.yaml", [] },
        { "20-multi-region-azure.yaml", ["azure/gpt-4-us-east 8192", "azure/gpt-4-eu-west 8192"] },
        { "21-env-in-config.yaml", [] },
        { "22-migration-before.yaml", [] },
        { "23-migration-after.yaml", ["ollama/llama3 8192", "ollama/qwen2.5-coder:14b 32768", "anthropic/claude-3-5-sonnet-20241022 200000"] },
    };

    [Theory]
    [MemberData(nameof(SeedCatalogues))]
    public void Build_SeedExample_ListsEveryNamedModelWithItsWindow(string fileName, string[] expected)
    {
        var config = ConfigLoader.Load(SeedExample(fileName), Environment(("AZURE_OPENAI_ENDPOINT", AzureEndpoint)));

        var catalogue = SelectionCatalogue.Build(config);

        Assert.Equal(expected, catalogue.Select(p => $"{p} {p.ContextWindow}"));
    }

    [Fact]
    public void Build_SeedExamples_CoverEveryFileThatLoads()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(SeedExample("x"))!, "*.yaml").Select(Path.GetFileName).Order();
        var loading = files.Where(file => Loads(file!));

        Assert.Equal(loading, SeedCatalogues.Select(row => (string)row[0]).Order());
    }

    [Fact]
    public void Build_ShippedExample_TakesWindowsFromContextWindowsAndSkipsEmbeddingModels()
    {
        var config = ConfigLoader.Load(Path.Combine(RepositoryRoot(), "config", "config.example.yaml"), Environment());

        var catalogue = SelectionCatalogue.Build(config).ToDictionary(p => p.ToString());

        Assert.Equal(131072, catalogue["ollama/qwen2.5-coder:14b"].ContextWindow);
        Assert.Equal(128000, catalogue["ollama/mistral-nemo"].ContextWindow);
        Assert.Equal(32768, catalogue["ollama/gemma3:1b"].ContextWindow);
        Assert.Equal(8192, catalogue["openai/gpt-4"].ContextWindow);
        Assert.Equal(16385, catalogue["azure/gpt-3.5-turbo"].ContextWindow);
        Assert.Equal("context_windows", catalogue["azure/gpt-3.5-turbo"].ContextSource);
        Assert.DoesNotContain("ollama/nomic-embed-text", catalogue.Keys);
        Assert.DoesNotContain("azure/gpt-35-turbo", catalogue.Keys);
        Assert.Equal("triage", catalogue["openai/gpt-4o-mini"].ModelKey);
        Assert.Equal(CostTier.Free, catalogue["lmstudio/local-model"].Cost);
        Assert.Equal((SpeedTier.Fast, QualityTier.Good, true), (catalogue["lmstudio/local-model"].Speed, catalogue["lmstudio/local-model"].Quality, catalogue["lmstudio/local-model"].Stated));
    }

    [Fact]
    public void Build_StatedEntry_OverridesInferredTraitsAndAddsModelsToItsBackend()
    {
        var config = Parse("""
            llm:
              ollama:
                models: {generator: "qwen2.5-coder:14b"}
                context_windows: {"qwen2.5-coder:14b": 131072}
              openai: {}
            model_selector:
              models:
                "qwen2.5-coder:14b": {speed: "fast", quality: "excellent", context_window: 32768}
                "gpt-4.1": {backend: "openai", cost: "medium", specializations: ["code-generation", "long-context"]}
            """);

        var catalogue = SelectionCatalogue.Build(config);

        var qwen = catalogue[0];
        Assert.Equal(("ollama", "qwen2.5-coder:14b"), (qwen.Backend, qwen.Model));
        Assert.Equal((SpeedTier.Fast, QualityTier.Excellent, 32768, "model_selector"), (qwen.Speed, qwen.Quality, qwen.ContextWindow, qwen.ContextSource));
        Assert.Equal(["code-generation", "debugging", "refactoring"], qwen.Specializations);
        var added = catalogue[1];
        Assert.Equal(("openai", "gpt-4.1", CostTier.Medium), (added.Backend, added.Model, added.Cost));
        Assert.Equal(["code-generation", "long-context"], added.Specializations);
        Assert.True(added.Stated);
    }

    private static bool Loads(string fileName)
    {
        try
        {
            ConfigLoader.Load(SeedExample(fileName), Environment(("AZURE_OPENAI_ENDPOINT", AzureEndpoint)));
            return true;
        }
        catch (ConfigException)
        {
            return false;
        }
    }
}
