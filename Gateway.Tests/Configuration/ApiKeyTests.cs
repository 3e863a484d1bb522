using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Configuration;

/// <summary>API keys: from the section, else the provider's variable; a missing key is a hint, not a startup error.</summary>
public sealed class ApiKeyTests
{
    [Theory]
    [InlineData("openai", "OPENAI_API_KEY")]
    [InlineData("anthropic", "ANTHROPIC_API_KEY")]
    [InlineData("azure", "AZURE_OPENAI_API_KEY")]
    [InlineData("lmstudio", "LM_API_TOKEN")]
    public void Parse_KeyOmitted_ComesFromTheProvidersVariable(string backend, string variable)
    {
        var config = Parse($"llm:\n  {backend}: {{}}\n", (variable, "key-from-env"), ("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com"));

        Assert.Equal("key-from-env", config.Llm.Backends[backend].ApiKey);
    }

    [Fact]
    public void Parse_KeyExpandingEmpty_FallsBackToTheProvidersVariable()
    {
        var config = Parse("llm:\n  openai:\n    api_key: \"${MY_OPENAI_KEY}\"\n", ("OPENAI_API_KEY", "key-from-env"));

        Assert.Equal("key-from-env", config.Llm.Backends["openai"].ApiKey);
    }

    [Fact]
    public void Parse_KeyInTheSection_WinsOverTheProvidersVariable()
    {
        var config = Parse("llm:\n  openai:\n    api_key: \"${MY_OPENAI_KEY}\"\n", ("OPENAI_API_KEY", "env-key"), ("MY_OPENAI_KEY", "section-key"));

        Assert.Equal("section-key", config.Llm.Backends["openai"].ApiKey);
    }

    [Theory]
    [InlineData("openai", "set OPENAI_API_KEY or llm.openai.api_key")]
    [InlineData("anthropic", "set ANTHROPIC_API_KEY or llm.anthropic.api_key")]
    [InlineData("azure", "set AZURE_OPENAI_API_KEY or llm.azure.api_key")]
    public void Parse_KeyMissingWhereOneIsNeeded_LoadsWithAHint(string backend, string hint)
    {
        var config = Parse($"llm:\n  {backend}:\n    api_key: \"\"\n", ("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com"));

        var section = config.Llm.Backends[backend];
        Assert.Null(section.ApiKey);
        Assert.Equal(hint, section.ApiKeyHint);
        Assert.True(section.RequiresApiKey);
    }

    [Theory]
    [InlineData("ollama")]
    [InlineData("lmstudio")]
    public void Parse_BackendThatNeedsNoKey_HasNoHint(string backend)
    {
        var section = Parse($"llm:\n  {backend}: {{}}\n").Llm.Backends[backend];

        Assert.Null(section.ApiKey);
        Assert.Null(section.ApiKeyHint);
        Assert.False(section.RequiresApiKey);
    }

    [Fact]
    public void Parse_LiteralKey_IsKeptAsWritten()
    {
        Assert.Equal("sk-literal", Parse("llm:\n  openai:\n    api_key: sk-literal\n").Llm.Backends["openai"].ApiKey);
    }
}
