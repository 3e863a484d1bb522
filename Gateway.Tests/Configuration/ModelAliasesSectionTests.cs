using Gateway.Configuration;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Configuration;

/// <summary>
/// <c>llm.model_aliases</c>: model ids (or <c>prefix*</c> globs) clients send, mapped to a model key, a model or <c>backend/model</c>;
/// a wrong entry stops startup at its line and column and says what would be valid.
/// </summary>
public sealed class ModelAliasesSectionTests
{
    private const string Backends = "llm:\n  ollama:\n    models: {generator: \"qwen2.5\", fast: \"gemma3:1b\"}\n  openai: {}\n";

    [Fact]
    public void Parse_IdsGlobsAndTargets_KeptInFileOrder()
    {
        var config = Parse(Backends + """
              model_aliases:
                claude-haiku-4-5-20251001: "ollama/fast"
                "claude-sonnet-*": generator
                claude-opus-4-1: "openai/gpt-4o"
                "hf-*": "hf.co/bartowski/model:Q4"
            """);

        Assert.Equal(
            [
                new ModelAlias("claude-haiku-4-5-20251001", "ollama/fast"),
                new ModelAlias("claude-sonnet-*", "generator"),
                new ModelAlias("claude-opus-4-1", "openai/gpt-4o"),
                new ModelAlias("hf-*", "hf.co/bartowski/model:Q4"),
            ],
            config.Llm.ModelAliases);
        Assert.Equal([false, true, false, true], config.Llm.ModelAliases.Select(alias => alias.IsGlob));
        Assert.Equal(["ollama", null, "openai", null], config.Llm.ModelAliases.Select(alias => alias.TargetBackend));
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void Parse_NoSection_NoAliases()
    {
        Assert.Empty(Parse(Backends).Llm.ModelAliases);
    }

    [Theory]
    [InlineData(
        "claude-x: \"azure/gpt-4o\"",
        "6:15: llm.model_aliases.claude-x: 'azure/gpt-4o' names backend 'azure', which has no section llm.azure; configured backends: ollama, openai. Add 'azure: {}' under llm, or name another backend")]
    [InlineData(
        "claude-x: \"opnai/gpt-4o\"",
        "6:15: llm.model_aliases.claude-x: 'opnai/gpt-4o' begins with 'opnai/', which is not a backend (did you mean 'openai'?); valid backends: ollama, openai, anthropic, azure, lmstudio, mock, mock_fallback. For a model whose name begins with 'opnai/', put its backend first: '<backend>/opnai/gpt-4o'")]
    [InlineData(
        "claude-x: \"ollama/\"",
        "6:15: llm.model_aliases.claude-x: 'ollama/' names backend 'ollama' but no model after the '/'; use 'ollama/<model key or model>'")]
    [InlineData(
        "claude-x: ~",
        "6:15: llm.model_aliases.claude-x: expected a model key, a model name or <backend>/<key-or-model>, found nothing (null)")]
    [InlineData(
        "\"claude-*-4-5\": generator",
        "6:5: llm.model_aliases[\"claude-*-4-5\"]: 'claude-*-4-5' has a '*' before its end; a '*' may only end a prefix, such as \"claude-haiku-*\"")]
    [InlineData(
        "\"*\": generator",
        "6:5: llm.model_aliases[\"*\"]: a bare '*' would catch every model, model keys included; name a prefix such as \"claude-*\"")]
    [InlineData(
        "claude-x: {model: generator}",
        "6:15: llm.model_aliases.claude-x: expected a model key, a model name or <backend>/<key-or-model>, found a mapping")]
    public void Parse_WrongAlias_ErrorAtItsLineAndColumn(string entry, string expected)
    {
        Assert.Equal($"test.yaml:{expected}", ParseError(Backends + "  model_aliases:\n    " + entry + "\n"));
    }

    [Fact]
    public void Parse_SectionNotAMapping_SaysWhatItTakes()
    {
        var error = ParseError(Backends + "  model_aliases: [\"claude-*\"]\n");

        Assert.StartsWith("test.yaml:5:18: llm.model_aliases: expected a mapping of model id (or 'prefix*'): model key, model name or <backend>/<model>", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameIdInAnotherCase_IsAnErrorNamingTheFirst()
    {
        var error = ParseError(Backends + "  model_aliases:\n    claude-opus-4-1: generator\n    Claude-Opus-4-1: fast\n");

        Assert.Equal(
            "test.yaml:7:5: llm.model_aliases.Claude-Opus-4-1: 'Claude-Opus-4-1' is already an alias (as 'claude-opus-4-1' at line 6); ids match case-insensitively, so keep one of the two",
            error);
    }

    [Fact]
    public void Parse_EveryWrongAlias_ReportedAtOnceWithTheRestOfTheFile()
    {
        var error = ParseError(Backends + "  fallback_backends: [opneai]\n  model_aliases:\n    a: \"azure/x\"\n    \"b*c\": y\n");

        Assert.Equal(3, error.Split('\n').Length);
        Assert.Contains("test.yaml:5:23: llm.fallback_backends[0]: unknown backend 'opneai'", error, StringComparison.Ordinal);
        Assert.Contains("test.yaml:7:8: llm.model_aliases.a:", error, StringComparison.Ordinal);
        Assert.Contains("test.yaml:8:5: llm.model_aliases[\"b*c\"]:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TargetVariable_Expanded()
    {
        var config = Parse(Backends + "  model_aliases:\n    \"claude-*\": \"${CLAUDE_TARGET:-generator}\"\n", ("CLAUDE_TARGET", "ollama/fast"));

        Assert.Equal("ollama/fast", Assert.Single(config.Llm.ModelAliases).Target);
    }

    [Fact]
    public void Parse_AliasCatchingAModelKey_LoadsWithAWarning()
    {
        var config = Parse(Backends + "  model_aliases:\n    \"gen*\": \"openai/gpt-4o\"\n");

        Assert.Equal(
            "test.yaml:6:5: llm.model_aliases[\"gen*\"]: alias 'gen*' catches model key 'generator' (llm.ollama.models), so requests for 'generator' go to 'openai/gpt-4o'; aliases apply before model keys",
            Assert.Single(config.Warnings));
    }

    [Fact]
    public void ConfigExample_Aliases_MapClaudeCodesIdsToModelKeys()
    {
        var config = ConfigLoader.Load(Path.Combine(RepositoryRoot(), "config", "config.example.yaml"), Environment());
        var resolver = new Gateway.Routing.RouteResolver(config, new Gateway.Routing.EndpointPools());

        Assert.Equal(
            ["claude-haiku-*", "claude-sonnet-*", "claude-opus-*", "claude-opus-4-1"],
            config.Llm.ModelAliases.Select(alias => alias.Pattern));
        Assert.Equal(("ollama", "gemma3:1b"), Served("claude-haiku-4-5-20251001"));
        Assert.Equal(("ollama", "qwen2.5-coder:14b"), Served("claude-sonnet-4-5"));
        Assert.Equal(("anthropic", "claude-opus-4-1-20250805"), Served("claude-opus-4-1"));
        Assert.Equal(("anthropic", "claude-fable-5"), Served("claude-fable-5"));

        (string, string) Served(string model)
        {
            var candidate = resolver.ResolveChat(model, null).Plan!.Candidates[0];
            return (candidate.Backend.Name, candidate.Model);
        }
    }

    [Theory]
    [InlineData("claude-haiku-4-5-20251001", "mock-chat-mini")]
    [InlineData("claude-sonnet-4-5", "mock-chat")]
    [InlineData("claude-opus-5", "mock-chat")]
    public void DemoConfig_ClaudeCodesIds_AnsweredByTheMock(string model, string served)
    {
        var config = ConfigLoader.Load(Path.Combine(RepositoryRoot(), "config", "config.demo.yaml"), Environment());

        var plan = new Gateway.Routing.RouteResolver(config, new Gateway.Routing.EndpointPools()).ResolveChat(model, null).Plan!;

        Assert.Equal(("mock", served), (plan.Candidates[0].Backend.Name, plan.Candidates[0].Model));
        Assert.Empty(config.Warnings);
    }
}
