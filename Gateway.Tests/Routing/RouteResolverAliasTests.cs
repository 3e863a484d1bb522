using Gateway.Configuration;
using Gateway.Routing;
using static Gateway.Tests.Routing.TestConfigs;

namespace Gateway.Tests.Routing;

/// <summary>
/// <c>llm.model_aliases</c> in routing: an id a client cannot change (Claude Code's <c>claude-sonnet-4-5</c>) is replaced by its target
/// before the model grammar reads it; an exact id beats a glob, a longer glob a shorter one, case aside. A Claude id nothing maps and no
/// <c>anthropic</c> section serves is a 404, not a guess.
/// </summary>
public sealed class RouteResolverAliasTests
{
    private static readonly ModelAlias[] Aliases =
    [
        new("claude-*", "ollama/triage"),
        new("claude-sonnet-*", "generator"),
        new("claude-sonnet-4-5-20250929", "openai/gpt-4o"),
        new("claude-haiku-*", "tinyllama"),
    ];

    private static GatewayConfig WithAliases(GatewayConfig config, params ModelAlias[] aliases) =>
        config with { Llm = config.Llm with { ModelAliases = aliases } };

    private static GatewayConfig OllamaAndOpenAi(params ModelAlias[] aliases) =>
        WithAliases(Config("ollama", ["openai"], SeedOllama(), SeedOpenAI()), aliases);

    private static RouteResult Resolve(GatewayConfig config, string model, string? header = null) =>
        new RouteResolver(config, new EndpointPools()).ResolveChat(model, header);

    [Theory]
    [InlineData("claude-sonnet-4-5-20250929", "openai", "gpt-4o", "claude-sonnet-4-5-20250929")]
    [InlineData("claude-sonnet-4-5", "ollama", "qwen2.5-coder:14b", "claude-sonnet-*")]
    [InlineData("CLAUDE-Sonnet-4-6", "ollama", "qwen2.5-coder:14b", "claude-sonnet-*")]
    [InlineData("claude-haiku-4-5-20251001", "ollama", "tinyllama", "claude-haiku-*")]
    [InlineData("claude-opus-5", "ollama", "tinyllama", "claude-*")]
    [InlineData("claude-fable-5", "ollama", "tinyllama", "claude-*")]
    public void ResolveChat_AliasedId_RoutesTheTargetExactBeforeLongestGlob(string model, string backend, string served, string pattern)
    {
        var plan = PlanOf(Resolve(OllamaAndOpenAi(Aliases), model));

        Assert.Equal((backend, served), (plan.Candidates[0].Backend.Name, plan.Candidates[0].Model));
        Assert.Equal(pattern, plan.Alias!.Pattern);
        Assert.Equal(model, plan.RequestedModel);
        Assert.EndsWith($", by alias '{pattern}'", plan.Candidates[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveChat_AliasToAModelKey_FallsBackByThatKey()
    {
        var plan = PlanOf(Resolve(OllamaAndOpenAi(Aliases), "claude-sonnet-4-5"));

        Assert.Equal(
            [("ollama", "qwen2.5-coder:14b", "generator"), ("openai", "gpt-4", "generator")],
            plan.Candidates.Select(c => (c.Backend.Name, c.Model, c.ModelKey)));
        Assert.Equal("fallback 'openai', by alias 'claude-sonnet-*'", plan.Candidates[1].Reason);
    }

    [Fact]
    public void ResolveChat_NoAliasMatches_ReadsTheModelAsBefore()
    {
        var plan = PlanOf(Resolve(OllamaAndOpenAi(new ModelAlias("claude-*", "generator")), "triage"));

        Assert.Equal(("ollama", "tinyllama", "primary"), (plan.Candidates[0].Backend.Name, plan.Candidates[0].Model, plan.Candidates[0].Reason));
        Assert.Null(plan.Alias);
    }

    [Theory]
    [InlineData("claude-sonnet-4-5")]
    [InlineData("Claude-Opus-4-1")]
    public void ResolveChat_ClaudeIdWithoutAliasOrAnthropic_Is404NamingTheAliasSection(string model)
    {
        var error = ErrorOf(Resolve(OllamaAndOpenAi(new ModelAlias("claude-haiku-*", "triage")), model));

        Assert.Equal((404, "model_not_found", "model"), (error.StatusCode, error.Code, error.Param));
        Assert.Contains($"'{model}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("llm.model_aliases", error.Message, StringComparison.Ordinal);
        Assert.Contains("llm.anthropic", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("GET /v1/models.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveChat_ClaudeIdWithAnthropicConfigured_StillGoesToAnthropic()
    {
        var config = WithAliases(Config("ollama", [], SeedOllama(), SeedAnthropic()), new ModelAlias("claude-haiku-*", "triage"));

        var primary = PlanOf(Resolve(config, "claude-sonnet-4-5")).Candidates[0];

        Assert.Equal(("anthropic", "claude-sonnet-4-5"), (primary.Backend.Name, primary.Model));
    }

    [Fact]
    public void ResolveChat_ClaudeIdABackendLists_ServedThere()
    {
        var lmstudio = SeedLMStudio() with { Models = Map(("generator", "claude-distilled")) };
        var config = Config("ollama", [], SeedOllama(), lmstudio);

        Assert.Equal("lmstudio", PlanOf(Resolve(config, "claude-distilled")).Candidates[0].Backend.Name);
        Assert.Equal("lmstudio", PlanOf(Resolve(config, "lmstudio/claude-anything")).Candidates[0].Backend.Name);
    }

    [Fact]
    public void ResolveChat_HeaderWithBareTarget_TheAliasAppliesOnTheForcedBackend()
    {
        var primary = PlanOf(Resolve(OllamaAndOpenAi(Aliases), "claude-sonnet-4-5", "openai")).Candidates[0];

        Assert.Equal(("openai", "gpt-4", "generator"), (primary.Backend.Name, primary.Model, primary.ModelKey));
    }

    [Fact]
    public void ResolveChat_HeaderNamingTheTargetsBackend_TheAliasApplies()
    {
        var primary = PlanOf(Resolve(OllamaAndOpenAi(Aliases), "claude-sonnet-4-5-20250929", "OpenAI")).Candidates[0];

        Assert.Equal(("openai", "gpt-4o"), (primary.Backend.Name, primary.Model));
    }

    [Fact]
    public void ResolveChat_HeaderNamingAnotherBackendThanTheTarget_TheIdGoesThereAsSent()
    {
        var config = WithAliases(Config("ollama", [], SeedOllama(), SeedAnthropic()), new ModelAlias("claude-*", "ollama/generator"));

        var plan = PlanOf(Resolve(config, "claude-sonnet-4-5", "anthropic"));

        Assert.Equal(("anthropic", "claude-sonnet-4-5"), (plan.Candidates[0].Backend.Name, plan.Candidates[0].Model));
        Assert.Null(plan.Alias);
    }

    [Fact]
    public void ResolveChat_HeaderWithAnUnaliasedClaudeId_SendsItToTheForcedBackend()
    {
        var primary = PlanOf(Resolve(OllamaAndOpenAi(), "claude-sonnet-4-5", "ollama")).Candidates[0];

        Assert.Equal(("ollama", "claude-sonnet-4-5"), (primary.Backend.Name, primary.Model));
    }

    [Fact]
    public void FirstTarget_SameAsThePlansFirstCandidate_WithoutTakingARoundRobinTurn()
    {
        var config = OllamaAndOpenAi(new ModelAlias("claude-opus-*", "overseer"));
        var resolver = new RouteResolver(config, new EndpointPools());

        Assert.Null(resolver.FirstTarget("claude-opus-4-1", null, out var target));
        var first = PlanOf(resolver.ResolveChat("claude-opus-4-1", null)).Candidates[0];

        Assert.Equal(("ollama", "llama3", "claude-opus-*"), (target.Backend.Name, target.Model, target.Alias!.Pattern));
        Assert.Equal("http://localhost:11434", first.Endpoint);
    }

    [Fact]
    public void FirstTarget_UnservedClaudeId_TheSame404AsResolveChat()
    {
        var resolver = new RouteResolver(OllamaAndOpenAi(), new EndpointPools());

        var error = resolver.FirstTarget("claude-haiku-4-5", null, out _);

        Assert.Equal(ErrorOf(resolver.ResolveChat("claude-haiku-4-5", null)), error);
    }
}
