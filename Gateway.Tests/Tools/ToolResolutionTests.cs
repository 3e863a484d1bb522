using Gateway.Configuration;
using Gateway.Routing;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Tools;

/// <summary>
/// Which backend and model a tool runs on, for each of the guide's three options: tool <c>backend</c>, else
/// <c>global_defaults.default_backend</c>, else <c>llm.backend</c>; <c>llm.model</c> over <c>llm.model_key</c>; fallbacks as for chat.
/// </summary>
public sealed class ToolResolutionTests
{
    [Fact]
    public void ResolveTool_Option1GlobalBackend_ModelKeyResolvesOnTheDefaultBackend()
    {
        var config = Parse("""
            llm:
              backend: "ollama"
              global_defaults:
                default_backend: "anthropic"
              ollama:
                models: {generator: "qwen2.5-coder:14b"}
              anthropic:
                models: {generator: "claude-3-5-sonnet-20241022"}
            tools:
              my_tool:
                type: "llm"
                llm:
                  model_key: "generator"
            """);

        var first = Plan(config, "my_tool")[0];

        Assert.Equal(("anthropic", "claude-3-5-sonnet-20241022", "generator"), (first.Backend.Name, first.Model, first.ModelKey));
    }

    [Fact]
    public void ResolveTool_Option2OverridePerTool_ToolBackendBeatsTheDefaults()
    {
        var config = Parse("""
            llm:
              backend: "ollama"
              ollama: {}
              anthropic: {}
            tools:
              expensive_tool:
                type: "llm"
                backend: "anthropic"
                llm:
                  model: "claude-3-opus-20240229"
            """);

        var plan = Plan(config, "expensive_tool");

        var only = Assert.Single(plan);
        Assert.Equal(("anthropic", "claude-3-opus-20240229"), (only.Backend.Name, only.Model));
    }

    [Fact]
    public void ResolveTool_Option3MixedBackends_EachToolGoesItsOwnWay()
    {
        var config = Parse("""
            llm:
              global_defaults:
                default_backend: "ollama"
              ollama:
                models: {overseer: "llama3", generator: "qwen2.5-coder:14b"}
              openai: {}
            tools:
              cheap_tool:
                type: "llm"
              expensive_tool:
                type: "llm"
                backend: "openai"
                llm:
                  model: "gpt-4"
            """);

        var cheap = Plan(config, "cheap_tool")[0];
        var expensive = Plan(config, "expensive_tool")[0];

        Assert.Equal(("ollama", "llama3", "overseer"), (cheap.Backend.Name, cheap.Model, cheap.ModelKey));
        Assert.Equal(("openai", "gpt-4"), (expensive.Backend.Name, expensive.Model));
    }

    [Fact]
    public void ResolveTool_NoDefaultBackend_FallsBackToLlmBackend()
    {
        var config = Parse("""
            llm:
              backend: "openai"
              ollama:
                models: {writer: "mistral-nemo"}
              openai:
                models: {writer: "gpt-4o"}
            tools:
              writer: {llm: {model_key: "writer"}}
            """);

        Assert.Equal("openai", Plan(config, "writer")[0].Backend.Name);
    }

    [Fact]
    public void ResolveTool_ModelAndModelKey_TheModelWins()
    {
        var config = Parse("""
            llm:
              anthropic:
                models: {generator: "claude-3-5-sonnet-20241022"}
            tools:
              my_tool: {llm: {model_key: "generator", model: "claude-3-opus-20240229"}}
            """);

        Assert.Equal("claude-3-opus-20240229", Plan(config, "my_tool")[0].Model);
    }

    [Fact]
    public void ResolveTool_ModelKey_FallsBackAlongTheChainWithEachBackendsOwnModel()
    {
        var config = Parse("""
            llm:
              backend: "ollama"
              fallback_backends: ["openai", "anthropic"]
              ollama:
                models: {generator: "qwen2.5-coder:14b"}
                endpoints: {generator: ["http://a:11434", "http://b:11434"]}
              openai:
                models: {generator: "gpt-4o"}
              anthropic:
                models: {triage: "claude-3-haiku-20240307"}
            tools:
              code_generator: {llm: {model_key: "generator"}}
            """);

        var resolver = new RouteResolver(config, new EndpointPools());
        var plan = resolver.ResolveTool(config.Tools["code_generator"]).Plan!;

        Assert.Equal(
            ["ollama qwen2.5-coder:14b http://a:11434", "ollama qwen2.5-coder:14b http://b:11434", "openai gpt-4o https://api.openai.com/v1"],
            plan.Candidates.Select(c => $"{c.Backend.Name} {c.Model} {c.Endpoint}"));
        Assert.Equal(["fallback 'anthropic' skipped: it has no model key 'generator' in llm.anthropic.models"], plan.Notes);
        Assert.Equal("ollama/generator", plan.RequestedModel);
    }

    [Fact]
    public void ResolveTool_MigrationPerTool_BackendOnlyRunsItsFirstModelKey()
    {
        var config = Parse("""
            llm:
              backend: "ollama"
              ollama:
                models: {overseer: "llama3"}
              anthropic:
                models: {overseer: "claude-3-5-sonnet-20241022", triage: "claude-3-haiku-20240307"}
            tools:
              complex_reasoning:
                backend: "anthropic"
            """);

        var first = Plan(config, "complex_reasoning")[0];

        Assert.Equal(("anthropic", "claude-3-5-sonnet-20241022", "overseer"), (first.Backend.Name, first.Model, first.ModelKey));
    }

    private static IReadOnlyList<Candidate> Plan(GatewayConfig config, string tool)
    {
        var route = new RouteResolver(config, new EndpointPools()).ResolveTool(config.Tools[tool]);
        Assert.True(route.Plan is not null, route.Error?.Message);
        return route.Plan.Candidates;
    }
}
