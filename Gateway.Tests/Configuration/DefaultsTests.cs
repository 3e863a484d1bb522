using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Configuration;

/// <summary>What an omitted key means.</summary>
public sealed class DefaultsTests
{
    [Theory]
    [InlineData("ollama", "http://localhost:11434")]
    [InlineData("openai", "https://api.openai.com/v1")]
    [InlineData("anthropic", "https://api.anthropic.com")]
    [InlineData("lmstudio", "http://localhost:1234/v1")]
    public void Parse_BaseUrlOmitted_UsesTheBackendsDefault(string backend, string expected)
    {
        Assert.Equal(expected, Parse($"llm:\n  {backend}: {{}}\n").Llm.Backends[backend].BaseUrl);
    }

    [Fact]
    public void Parse_BaseUrlWithTrailingSlash_IsStoredWithout()
    {
        Assert.Equal("http://gpu:11434", Parse("llm:\n  ollama:\n    base_url: \"http://gpu:11434/\"\n").Llm.Backends["ollama"].BaseUrl);
    }

    [Fact]
    public void Parse_BackendOmitted_UsesTheGlobalDefaultBackend()
    {
        var llm = Parse("llm:\n  global_defaults: {default_backend: openai}\n  ollama: {}\n  openai: {}\n").Llm;

        Assert.Equal("openai", llm.Backend);
    }

    [Fact]
    public void Parse_BackendAndGlobalDefaultOmitted_PrefersOllama()
    {
        Assert.Equal("ollama", Parse("llm:\n  openai: {}\n  ollama: {}\n").Llm.Backend);
    }

    [Fact]
    public void Parse_BackendOmittedWithoutOllama_UsesTheFirstSection()
    {
        Assert.Equal("lmstudio", Parse("llm:\n  lmstudio: {}\n  openai: {}\n").Llm.Backend);
    }

    [Fact]
    public void Parse_EmbeddingBackendOmitted_FollowsTheDefaultBackend()
    {
        var llm = Parse("llm:\n  backend: lmstudio\n  lmstudio: {}\n  ollama: {}\n").Llm;

        Assert.Equal("lmstudio", llm.DefaultBackend);
        Assert.Equal("lmstudio", llm.DefaultEmbeddingBackend);
    }

    [Fact]
    public void Parse_NullBackendSection_IsConfiguredWithDefaults()
    {
        Assert.Equal("http://localhost:11434", Parse("llm:\n  ollama:\n").Llm.Backends["ollama"].BaseUrl);
    }

    [Fact]
    public void Parse_ModelSelectorOmitted_IsEnabledWithDefaultWeights()
    {
        var selector = Parse("llm:\n  ollama: {}\n").ModelSelector;

        Assert.True(selector.Enabled);
        Assert.Equal(30, selector.Weights.ContextWindow);
    }

    [Fact]
    public void Parse_SomeWeightsGiven_KeepsDefaultsForTheRest()
    {
        var selector = Parse("llm:\n  ollama: {}\nmodel_selector:\n  enabled: false\n  weights: {cost: 40, speed: 0}\n").ModelSelector;

        Assert.False(selector.Enabled);
        Assert.Equal(40, selector.Weights.Cost);
        Assert.Equal(0, selector.Weights.Speed);
        Assert.Equal(30, selector.Weights.ContextWindow);
        Assert.Equal(15, selector.Weights.Quality);
        Assert.Equal(15, selector.Weights.Specialization);
    }

    [Fact]
    public void Parse_SourcePath_IsMadeAbsolute()
    {
        Assert.Equal(Path.GetFullPath("test.yaml"), Parse("llm:\n  ollama: {}\n").SourcePath);
    }
}
