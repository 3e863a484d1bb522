using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Configuration;

/// <summary>Values naming a backend must name a known one that has a section under llm.</summary>
public sealed class BackendReferenceTests
{
    [Fact]
    public void Parse_MisspeltFallback_ListsValidBackendsAndSuggestsTheClosest()
    {
        const string yaml = """
            llm:
              backend: "openai"
              fallback_backends: ["opneai"]
              openai: {}
            """;

        Assert.Equal(
            "test.yaml:3:23: llm.fallback_backends[0]: unknown backend 'opneai'; valid backends: ollama, openai, anthropic, azure, lmstudio, mock, mock_fallback (did you mean 'openai'?)",
            ParseError(yaml));
    }

    [Fact]
    public void Parse_FallbackWithoutSection_SaysWhichAreConfiguredAndHowToAddIt()
    {
        const string yaml = """
            llm:
              backend: "anthropic"
              fallback_backends: ["openai"]
              anthropic: {}
            """;

        Assert.Equal(
            "test.yaml:3:23: llm.fallback_backends[0]: backend 'openai' has no section llm.openai; configured backends: anthropic. Add 'openai: {}' under llm to use its defaults",
            ParseError(yaml));
    }

    [Theory]
    [InlineData("backend: \"lmstudio\"", "2:12: llm.backend")]
    [InlineData("global_defaults: {default_backend: lmstudio}", "2:38: llm.global_defaults.default_backend")]
    [InlineData("global_defaults: {default_embedding_backend: lmstudio}", "2:48: llm.global_defaults.default_embedding_backend")]
    public void Parse_ReferenceWithoutSection_IsReportedWhereItStands(string line, string expectedPlace)
    {
        var yaml = $"llm:\n  {line}\n  ollama: {{}}\n";

        Assert.Equal(
            $"test.yaml:{expectedPlace}: backend 'lmstudio' has no section llm.lmstudio; configured backends: ollama. Add 'lmstudio: {{}}' under llm to use its defaults",
            ParseError(yaml));
    }

    [Fact]
    public void Parse_ToolBackendWithoutSection_IsAnError()
    {
        const string yaml = """
            llm:
              ollama: {}
            tools:
              critic:
                backend: "azure"
            """;

        Assert.Equal(
            "test.yaml:5:14: tools.critic.backend: backend 'azure' has no section llm.azure; configured backends: ollama. Add 'azure: {}' under llm to use its defaults",
            ParseError(yaml));
    }

    [Fact]
    public void Parse_NoBackendSectionAtAll_SaysHowToAddOne()
    {
        Assert.Equal(
            "test.yaml:2:3: llm: no backend section is configured; add one under llm, e.g. 'ollama: {}' for a local Ollama (valid backends: ollama, openai, anthropic, azure, lmstudio, mock, mock_fallback)",
            ParseError("llm:\n  global_defaults: {temperature: 0.5}\n"));
    }

    [Fact]
    public void Parse_EmptyFile_SaysHowToAddABackend()
    {
        Assert.StartsWith("test.yaml:1:1: llm: no backend section is configured;", ParseError(""), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FallbacksRepeatingPrimaryOrEachOther_AreDroppedWithWarnings()
    {
        const string yaml = """
            llm:
              backend: "ollama"
              fallback_backends: ["ollama", "openai", "openai"]
              ollama: {}
              openai: {}
            """;

        var config = Parse(yaml);

        Assert.Equal(["openai"], config.Llm.FallbackBackends);
        Assert.Equal(
            [
                "test.yaml:3:23: llm.fallback_backends[0]: 'ollama' is already the primary backend (llm.backend); dropped from the fallback chain",
                "test.yaml:3:43: llm.fallback_backends[2]: 'openai' is listed more than once; the repeat is dropped",
            ],
            config.Warnings);
    }

    [Fact]
    public void Parse_BackendNameInOtherCase_IsStoredInCanonicalForm()
    {
        var config = Parse("llm:\n  backend: \"OpenAI\"\n  openai: {}\n");

        Assert.Equal("openai", config.Llm.Backend);
    }

    [Fact]
    public void Parse_AnthropicAsEmbeddingBackend_IsAnError()
    {
        const string yaml = """
            llm:
              global_defaults:
                default_embedding_backend: "anthropic"
              anthropic: {}
            """;

        Assert.Equal(
            "test.yaml:3:32: llm.global_defaults.default_embedding_backend: anthropic has no embeddings API; use one of: ollama, openai, azure, lmstudio, mock, mock_fallback",
            ParseError(yaml));
    }
}
