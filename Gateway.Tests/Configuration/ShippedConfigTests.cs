using Gateway.Configuration;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Configuration;

/// <summary>The files under config/ load as shipped, with no environment variables set, and say what their comments claim.</summary>
public sealed class ShippedConfigTests
{
    private static GatewayConfig LoadShipped(string fileName) =>
        ConfigLoader.Load(Path.Combine(RepositoryRoot(), "config", fileName), Environment());

    [Fact]
    public void ConfigYaml_Loads_AsOneOllamaServingEveryRole()
    {
        var config = LoadShipped("config.yaml");

        var ollama = config.Llm.Backends["ollama"];
        Assert.Equal("ollama", config.Llm.Backend);
        Assert.Equal("ollama", config.Llm.DefaultEmbeddingBackend);
        Assert.Equal("http://localhost:11434", ollama.BaseUrl);
        Assert.Equal(["overseer", "generator", "evaluator", "triage"], ollama.Models.Keys);
        Assert.Equal("nomic-embed-text", ollama.EmbeddingModel);
        Assert.All(ollama.Models.Values, model => Assert.NotNull(ollama.ContextWindowFor(model)));
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void ConfigExample_Loads_WithEveryBackendToolOptionAndSelector()
    {
        var config = LoadShipped("config.example.yaml");

        Assert.Equal(["ollama", "openai", "anthropic", "azure", "lmstudio"], config.Llm.Backends.Keys);
        Assert.Equal(["openai", "anthropic"], config.Llm.FallbackBackends);
        Assert.Equal(["http://localhost:11434", "http://server2:11434"], config.Llm.Backends["ollama"].Endpoints["overseer"]);
        Assert.Null(config.Llm.Backends["openai"].ApiKey);
        Assert.Null(config.Llm.Backends["openai"].Organization);

        var azure = config.Llm.Backends["azure"];
        Assert.Equal("https://your-resource.openai.azure.com", azure.BaseUrl);
        Assert.Equal("gpt-4-code", azure.Deployments["generator"].Deployment);
        Assert.Equal("https://eu-west.openai.azure.com", azure.Deployments["eu_west"].Endpoint);

        Assert.Equal("technical_writer", config.Tools["technical_writer"].ModelKey);
        Assert.Equal("anthropic", config.Tools["critical_analysis"].Backend);
        Assert.Null(config.Tools["cheap_tool"].Backend);
        Assert.Equal("openai", config.Tools["expensive_tool"].Backend);
        Assert.Equal(0.3, config.Tools["code_generator"].Temperature);
        Assert.True(config.ModelSelector.Enabled);
        Assert.Equal(25, config.ModelSelector.Weights.Speed);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void ConfigExample_WithVariablesSet_UsesThem()
    {
        var path = Path.Combine(RepositoryRoot(), "config", "config.example.yaml");

        var config = ConfigLoader.Load(path, Environment(("OPENAI_API_KEY", "sk-test"), ("AZURE_OPENAI_ENDPOINT", "https://mine.openai.azure.com")));

        Assert.Equal("sk-test", config.Llm.Backends["openai"].ApiKey);
        Assert.Equal("https://mine.openai.azure.com", config.Llm.Backends["azure"].BaseUrl);
    }

    [Fact]
    public void AnthropicSimple_Loads_WithThreeToolsOnAnthropicModelKeys()
    {
        var config = LoadShipped("config.anthropic-simple.yaml");

        var anthropic = config.Llm.Backends["anthropic"];
        Assert.Equal("anthropic", config.Llm.DefaultBackend);
        Assert.Null(anthropic.ApiKey);
        Assert.Equal("set ANTHROPIC_API_KEY or llm.anthropic.api_key", anthropic.ApiKeyHint);
        Assert.Equal(["technical_writer", "code_generator", "quick_triage"], config.Tools.Keys);
        Assert.All(config.Tools.Values, tool => Assert.Contains(tool.ModelKey!, anthropic.Models.Keys));
        Assert.Equal(0.1, config.Tools["quick_triage"].Temperature);
        Assert.Empty(config.Warnings);
    }
}
