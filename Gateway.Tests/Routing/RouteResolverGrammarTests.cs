using Gateway.Configuration;
using Gateway.Routing;
using static Gateway.Tests.Routing.TestConfigs;

namespace Gateway.Tests.Routing;

/// <summary>How the <c>model</c> string picks backend, model key and model, rule by rule and in order of precedence.</summary>
public sealed class RouteResolverGrammarTests
{
    private static Candidate Primary(GatewayConfig config, string model, string? header = null) =>
        PlanOf(new RouteResolver(config, new EndpointPools()).ResolveChat(model, header)).Candidates[0];

    [Fact]
    public void ResolveChat_BackendPrefixWithKey_MapsKeyThroughThatBackend()
    {
        var primary = Primary(Seed("ollama"), "anthropic/generator");

        Assert.Equal("anthropic", primary.Backend.Name);
        Assert.Equal("generator", primary.ModelKey);
        Assert.Equal("claude-3-5-sonnet-20241022", primary.Model);
        Assert.Equal("https://api.anthropic.com", primary.Endpoint);
        Assert.Equal("primary", primary.Reason);
    }

    [Theory]
    [InlineData("ollama/llama3:70b", "ollama", "llama3:70b")]
    [InlineData("ollama/hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M", "ollama", "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M")]
    [InlineData("lmstudio/lmstudio-community/Meta-Llama-3-8B", "lmstudio", "lmstudio-community/Meta-Llama-3-8B")]
    [InlineData("OpenAI/gpt-4o", "openai", "gpt-4o")]
    public void ResolveChat_BackendPrefixWithModelName_SendsTheRestAsTheModel(string model, string backend, string expected)
    {
        var primary = Primary(Seed("ollama"), model);

        Assert.Equal(backend, primary.Backend.Name);
        Assert.Equal(expected, primary.Model);
        Assert.Null(primary.ModelKey);
    }

    [Fact]
    public void ResolveChat_SlashedNameListedByABackend_IsNotReadAsAPrefix()
    {
        var lmstudio = SeedLMStudio() with { ContextWindows = WindowsOf(("lmstudio-community/Meta-Llama-3-8B", 8192)) };
        var config = Config("ollama", [], SeedOllama(), lmstudio);

        var primary = Primary(config, "lmstudio-community/Meta-Llama-3-8B");

        Assert.Equal("lmstudio", primary.Backend.Name);
        Assert.Equal("lmstudio-community/Meta-Llama-3-8B", primary.Model);
        Assert.Equal(8192, primary.ContextWindow);
    }

    [Fact]
    public void ResolveChat_UnlistedSlashedName_GoesWholeToTheDefaultBackend()
    {
        var primary = Primary(Seed("lmstudio"), "hf.co/user/model");

        Assert.Equal("lmstudio", primary.Backend.Name);
        Assert.Equal("hf.co/user/model", primary.Model);
    }

    [Fact]
    public void ResolveChat_PrefixOfUnconfiguredBackend_Returns404NamingConfiguredBackends()
    {
        var config = Config("ollama", [], SeedOllama(), SeedOpenAI());

        var error = ErrorOf(new RouteResolver(config, new EndpointPools()).ResolveChat("azure/gpt-4", null));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("backend_not_found", error.Code);
        Assert.Equal("model", error.Param);
        Assert.Contains("'azure'", error.Message, StringComparison.Ordinal);
        Assert.Contains("llm.azure", error.Message, StringComparison.Ordinal);
        Assert.Contains("configured backends: ollama, openai", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("GET /v1/models.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveChat_PrefixWithoutModel_Returns400InvalidModel()
    {
        var error = ErrorOf(new RouteResolver(Seed("ollama"), new EndpointPools()).ResolveChat("openai/", null));

        Assert.Equal((400, "invalid_model", "model"), (error.StatusCode, error.Code, error.Param));
        Assert.Contains("openai/<model key or model>", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ResolveChat_EmptyModel_Returns400InvalidModel(string model)
    {
        var error = ErrorOf(new RouteResolver(Seed("ollama"), new EndpointPools()).ResolveChat(model, null));

        Assert.Equal((400, "invalid_model", "model"), (error.StatusCode, error.Code, error.Param));
    }

    [Theory]
    [InlineData("ollama", "generator", "qwen2.5-coder:14b")]
    [InlineData("openai", "triage", "gpt-3.5-turbo")]
    [InlineData("anthropic", "triage", "claude-3-haiku-20240307")]
    public void ResolveChat_BareKey_MapsThroughTheDefaultBackend(string primary, string key, string expected)
    {
        var candidate = Primary(Seed(primary), key);

        Assert.Equal(primary, candidate.Backend.Name);
        Assert.Equal(key, candidate.ModelKey);
        Assert.Equal(expected, candidate.Model);
    }

    [Fact]
    public void ResolveChat_GlobalDefaultBackend_WinsOverLlmBackendForBareKeys()
    {
        var primary = Primary(Seed("ollama").WithDefaults(defaultBackend: "anthropic"), "triage");

        Assert.Equal("anthropic", primary.Backend.Name);
        Assert.Equal("claude-3-haiku-20240307", primary.Model);
    }

    [Fact]
    public void ResolveChat_KeyMissingOnDefaultBackend_UsesTheFirstBackendOfTheChainThatHasIt()
    {
        // File order puts anthropic before openai, but openai is a fallback backend and so comes first in the chain.
        var config = Config(
            "ollama",
            ["openai"],
            SeedOllama(),
            Backend("anthropic", ("escalation", "claude-3-opus-20240229")),
            Backend("openai", ("escalation", "gpt-4o")));

        var primary = Primary(config, "escalation");

        Assert.Equal("openai", primary.Backend.Name);
        Assert.Equal("gpt-4o", primary.Model);
        Assert.Equal("escalation", primary.ModelKey);
    }

    [Fact]
    public void ResolveChat_KeyOnlyOnABackendOutsideTheChain_UsesThatBackend()
    {
        var config = Config("ollama", [], SeedOllama(), Backend("lmstudio", ("summarizer", "phi-3-mini")));

        var primary = Primary(config, "summarizer");

        Assert.Equal(("lmstudio", "phi-3-mini"), (primary.Backend.Name, primary.Model));
    }

    [Fact]
    public void ResolveChat_KeyNamedLikeAModel_BeatsListingsAndFamilies()
    {
        var config = Config("openai", [], SeedOpenAI(), Backend("lmstudio", ("gpt-4", "local-model")));

        var primary = Primary(config, "gpt-4");

        Assert.Equal(("lmstudio", "local-model", "gpt-4"), (primary.Backend.Name, primary.Model, primary.ModelKey));
    }

    [Fact]
    public void ResolveChat_PrefixBeatsAKeyOfTheDefaultBackend()
    {
        var primary = Primary(Seed("ollama"), "openai/triage");

        Assert.Equal(("openai", "gpt-3.5-turbo"), (primary.Backend.Name, primary.Model));
    }

    [Theory]
    [InlineData("claude-3-opus-20240229", "anthropic")]
    [InlineData("gpt-4-turbo", "openai")]
    [InlineData("qwen2.5-coder:14b", "ollama")]
    [InlineData("gpt-35-turbo", "azure")]
    [InlineData("local-model", "lmstudio")]
    public void ResolveChat_ModelListedByOneBackend_UsesThatBackendWithTheNameAsGiven(string model, string backend)
    {
        var primary = Primary(Seed("ollama"), model);

        Assert.Equal(backend, primary.Backend.Name);
        Assert.Equal(model, primary.Model);
    }

    [Theory]
    [InlineData("azure", new string[0], "azure")]
    [InlineData("ollama", new[] { "azure" }, "azure")]
    [InlineData("ollama", new string[0], "openai")]
    public void ResolveChat_ModelListedBySeveralBackends_PrefersDefaultThenChainOrder(string primary, string[] fallbacks, string expected)
    {
        var candidate = Primary(Seed(primary, fallbacks), "gpt-4");

        Assert.Equal(expected, candidate.Backend.Name);
    }

    [Theory]
    [InlineData("gpt-4o-mini", "openai")]
    [InlineData("o1-preview", "openai")]
    [InlineData("o3-mini", "openai")]
    [InlineData("o4-mini", "openai")]
    [InlineData("text-embedding-3-large", "openai")]
    [InlineData("claude-sonnet-4-5", "anthropic")]
    public void ResolveChat_UnlistedModelOfAFamily_GoesToTheFamilyBackend(string model, string backend)
    {
        var primary = Primary(Seed("ollama"), model);

        Assert.Equal((backend, model), (primary.Backend.Name, primary.Model));
    }

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("mistral:7b")]
    public void ResolveChat_NoBackendForTheName_UsesTheDefaultBackendWithTheNameAsGiven(string model)
    {
        var primary = Primary(Config("ollama", [], SeedOllama(), SeedLMStudio()), model);

        Assert.Equal(("ollama", model), (primary.Backend.Name, primary.Model));
        Assert.Null(primary.ModelKey);
    }

    [Theory]
    [InlineData("llama3", "overseer")]
    [InlineData("qwen2.5-coder:14b", "generator")]
    [InlineData("ollama/tinyllama", "triage")]
    public void ResolveChat_ConcreteName_CarriesTheKeyItHoldsOnItsBackend(string model, string key)
    {
        Assert.Equal(key, Primary(Seed("ollama"), model).ModelKey);
    }

    [Fact]
    public void ResolveChat_Candidate_CarriesContextWindowAndTheBackendKey()
    {
        var known = Primary(Seed("ollama"), "openai/gpt-4");
        var unknown = Primary(Seed("ollama"), "openai/gpt-4o");

        Assert.Equal((8192, "openai-key"), (known.ContextWindow, known.ApiKey));
        Assert.Null(unknown.ContextWindow);
    }
}
