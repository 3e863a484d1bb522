using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Configuration;

/// <summary>The layout without <c>llm:</c>, and the legacy per-role model entries of Ollama.</summary>
public sealed class LegacyLayoutTests
{
    [Fact]
    public void Parse_TopLevelOllama_LoadsAsTheOllamaBackendWithAMigrationWarning()
    {
        var config = Parse("ollama:\n  base_url: \"http://gpu:11434\"\n");

        Assert.Equal("ollama", config.Llm.Backend);
        Assert.Equal("http://gpu:11434", config.Llm.Backends["ollama"].BaseUrl);
        Assert.Equal(
            "test.yaml:1:1: top-level 'ollama:' is the legacy layout without 'llm:' and is read as llm.ollama; to migrate, indent it under 'llm:' and add 'backend: \"ollama\"' (README, \"Older layouts\")",
            Assert.Single(config.Warnings));
    }

    [Fact]
    public void Parse_SeveralTopLevelBackends_PrefersOllamaAsPrimary()
    {
        var config = Parse("openai: {}\nollama: {}\n");

        Assert.Equal("ollama", config.Llm.Backend);
        Assert.Equal(["openai", "ollama"], config.Llm.Backends.Keys);
        Assert.Equal(2, config.Warnings.Count);
    }

    [Fact]
    public void Parse_TopLevelBackendErrors_UseTheKeyPathAsWritten()
    {
        Assert.Equal(
            "test.yaml:2:13: ollama.base_url: expected an absolute http(s) URL such as http://localhost:11434; this value has no http:// or https:// prefix",
            ParseError("ollama:\n  base_url: \"gpu:11434\"\n"));
    }

    [Fact]
    public void Parse_PerRoleEntryWithNullEndpoint_UsesTheBaseUrl()
    {
        const string yaml = """
            ollama:
              base_url: "http://localhost:11434"
              models:
                overseer: {model: "llama3", endpoint: null}
                triage: "tinyllama"
            """;

        var ollama = Parse(yaml).Llm.Backends["ollama"];

        Assert.Equal("llama3", ollama.Models["overseer"]);
        Assert.Equal("tinyllama", ollama.Models["triage"]);
        Assert.Equal(["http://localhost:11434"], ollama.Endpoints["overseer"]);
        Assert.False(ollama.Endpoints.ContainsKey("triage"));
    }

    [Fact]
    public void Parse_PerRoleEntryWithEndpointList_MapsNullEntriesToTheBaseUrl()
    {
        const string yaml = """
            ollama:
              base_url: "http://localhost:11434/"
              models:
                escalation:
                  model: "qwen2.5-coder:14b"
                  endpoint: "http://ignored:11434"
                  endpoints: [null, "http://powerful-server:11434"]
                overseer:
                  model: "llama3"
                  endpoint: "http://gpu2:11434"
            """;

        var ollama = Parse(yaml).Llm.Backends["ollama"];

        Assert.Equal("qwen2.5-coder:14b", ollama.Models["escalation"]);
        Assert.Equal(["http://localhost:11434", "http://powerful-server:11434"], ollama.Endpoints["escalation"]);
        Assert.Equal(["http://gpu2:11434"], ollama.Endpoints["overseer"]);
    }

    [Fact]
    public void Parse_PerRoleEntryWithoutModel_IsAnError()
    {
        Assert.StartsWith(
            "test.yaml:3:15: ollama.models.overseer: missing 'model'",
            ParseError("ollama:\n  models:\n    overseer: {endpoint: \"http://gpu:11434\"}\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PerRoleEntryOutsideOllama_IsATypeError()
    {
        Assert.Equal(
            "test.yaml:4:17: llm.openai.models.overseer: expected a model name, found a mapping",
            ParseError("llm:\n  openai:\n    models:\n      overseer: {model: \"gpt-4\"}\n"));
    }
}
