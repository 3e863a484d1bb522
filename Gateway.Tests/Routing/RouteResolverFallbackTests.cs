using Gateway.Configuration;
using Gateway.Routing;
using static Gateway.Tests.Routing.TestConfigs;

namespace Gateway.Tests.Routing;

/// <summary>The fallback part of a plan: the same model key mapped on each fallback backend, or a note saying why not.</summary>
public sealed class RouteResolverFallbackTests
{
    private static RoutePlan Plan(GatewayConfig config, string model) =>
        PlanOf(new RouteResolver(config, new EndpointPools()).ResolveChat(model, null));

    [Fact]
    public void ResolveChat_KeyWithFallbacks_MapsTheSameKeyOnEachFallbackInOrder()
    {
        var plan = Plan(Seed("ollama", "openai", "anthropic"), "triage");

        Assert.Equal(
            [
                "ollama tinyllama @ http://localhost:11434",
                "openai gpt-3.5-turbo @ https://api.openai.com/v1",
                "anthropic claude-3-haiku-20240307 @ https://api.anthropic.com",
            ],
            Describe(plan));
        Assert.Equal(["primary", "fallback 'openai'", "fallback 'anthropic'"], plan.Candidates.Select(c => c.Reason));
        Assert.All(plan.Candidates, c => Assert.Equal("triage", c.ModelKey));
        Assert.Equal(["openai-key", "anthropic-key"], plan.Candidates.Skip(1).Select(c => c.ApiKey));
        Assert.Equal("triage", plan.RequestedModel);
        Assert.Empty(plan.Notes);
    }

    [Fact]
    public void ResolveChat_ConcreteNameHoldingAKey_FallsBackByThatKey()
    {
        var plan = Plan(Seed("ollama", "openai", "anthropic"), "qwen2.5-coder:14b");

        Assert.Equal(["qwen2.5-coder:14b", "gpt-4", "claude-3-5-sonnet-20241022"], plan.Candidates.Select(c => c.Model));
        Assert.Equal([131072, 8192, 200000], plan.Candidates.Select(c => c.ContextWindow));
        Assert.All(plan.Candidates, c => Assert.Equal("generator", c.ModelKey));
    }

    [Fact]
    public void ResolveChat_ConcreteNameWithoutAKey_SkipsEveryFallbackWithANote()
    {
        var plan = Plan(Seed("ollama", "openai", "anthropic"), "mistral:7b");

        Assert.Equal(["ollama mistral:7b @ http://localhost:11434"], Describe(plan));
        Assert.Equal(
            [
                "fallback 'openai' skipped: model 'mistral:7b' has no model key to map",
                "fallback 'anthropic' skipped: model 'mistral:7b' has no model key to map",
            ],
            plan.Notes);
    }

    [Fact]
    public void ResolveChat_FallbackWithoutTheKey_IsSkippedWithANoteAndTheNextOneKept()
    {
        var plan = Plan(Seed("ollama", "lmstudio", "openai"), "triage");

        Assert.Equal(["ollama", "openai"], plan.Candidates.Select(c => c.Backend.Name));
        Assert.Equal(["fallback 'lmstudio' skipped: it has no model key 'triage' in llm.lmstudio.models"], plan.Notes);
    }

    [Fact]
    public void ResolveChat_FallbackListingTheChosenBackend_DoesNotRepeatIt()
    {
        var plan = Plan(Seed("ollama", "openai", "anthropic", "openai"), "openai/triage");

        Assert.Equal(["openai", "anthropic"], plan.Candidates.Select(c => c.Backend.Name));
        Assert.Empty(plan.Notes);
    }

    [Fact]
    public void ResolveChat_FallbackIntoAzure_MapsTheKeyThroughDeploymentEntriesFirst()
    {
        var azure = SeedAzure() with { Models = Map(("generator", "gpt-4o")) };
        var plan = Plan(Config("ollama", ["azure"], SeedOllama(), azure), "generator");

        var fallback = plan.Candidates[1];
        Assert.Equal(("azure", "gpt-4", "gpt-4-code"), (fallback.Backend.Name, fallback.Model, fallback.Deployment));
        Assert.Equal((AzureResource, "azure-key"), (fallback.Endpoint, fallback.ApiKey));
        Assert.Equal(("generator", "fallback 'azure'"), (fallback.ModelKey, fallback.Reason));
    }

    [Fact]
    public void ResolveChat_FallbackIntoAzureWithKeyOnlyInModels_UsesTheMappedModelAsDeployment()
    {
        var azure = Backend("azure", ("triage", "gpt-35-turbo"));
        var plan = Plan(Config("ollama", ["azure"], SeedOllama(), azure), "triage");

        Assert.Equal(
            ["ollama tinyllama @ http://localhost:11434", $"azure gpt-35-turbo @ {AzureResource} [gpt-35-turbo]"],
            Describe(plan));
    }

    [Fact]
    public void ResolveChat_FallbackIntoAzureWithoutTheKey_NamesBothPlacesTheKeyCouldBe()
    {
        var plan = Plan(Seed("ollama", "azure"), "triage");

        Assert.Single(plan.Candidates);
        Assert.Equal(["fallback 'azure' skipped: it has no model key 'triage' in llm.azure.deployments or llm.azure.models"], plan.Notes);
    }

    [Fact]
    public void ResolveChat_FallbackIntoAPooledKey_ListsEveryEndpointOfThatPool()
    {
        var plan = Plan(Seed("openai", "ollama"), "overseer");

        Assert.Equal(
            [
                "openai gpt-4 @ https://api.openai.com/v1",
                "ollama llama3 @ http://localhost:11434",
                "ollama llama3 @ http://server2:11434",
            ],
            Describe(plan));
        Assert.Equal(["primary", "fallback 'ollama'", "fallback 'ollama', endpoint 2 of 2"], plan.Candidates.Select(c => c.Reason));
    }

    [Fact]
    public void ResolveChat_ExplicitBackendPrefix_FallsBackAlongFallbackBackendsOnly()
    {
        var plan = Plan(Seed("ollama", "openai"), "anthropic/generator");

        Assert.Equal(
            ["anthropic claude-3-5-sonnet-20241022 @ https://api.anthropic.com", "openai gpt-4 @ https://api.openai.com/v1"],
            Describe(plan));
    }
}
