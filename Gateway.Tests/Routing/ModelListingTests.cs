using Gateway.Configuration;
using Gateway.Routing;
using static Gateway.Tests.Routing.TestConfigs;

namespace Gateway.Tests.Routing;

/// <summary>What <c>GET /v1/models</c> lists: keys first, then <c>&lt;backend&gt;/&lt;model&gt;</c> ids, each once, in config order.</summary>
public sealed class ModelListingTests
{
    private static GatewayConfig Mixed()
    {
        var ollama = Backend("ollama", ("overseer", "llama3"), ("triage", "tinyllama")) with
        {
            ContextWindows = WindowsOf(("llama3", 8192)),
            EmbeddingModel = "nomic-embed-text",
        };
        var openai = Backend("openai", ("overseer", "gpt-4"), ("escalation", "gpt-4o")) with
        {
            ContextWindows = WindowsOf(("gpt-4", 8192), ("gpt-4-turbo", 128000)),
            EmbeddingModel = "text-embedding-3-small",
        };
        var azure = Backend("azure") with
        {
            Deployments = Deployments(
                Entry("generator", "gpt-4-code", model: "gpt-4"),
                Entry("us_east", "gpt-4-us-east", endpoint: "https://us-east.openai.azure.com")),
        };
        return Config("ollama", ["openai"], ollama, openai, azure);
    }

    [Fact]
    public void Build_MixedConfig_ListsKeysThenEachBackendsModelsInConfigOrder()
    {
        var listed = ModelListing.Build(Mixed());

        Assert.Equal(
            [
                new ListedModel("overseer", "ollama"),
                new ListedModel("triage", "ollama"),
                new ListedModel("escalation", "openai"),
                new ListedModel("generator", "azure"),
                new ListedModel("ollama/llama3", "ollama"),
                new ListedModel("ollama/tinyllama", "ollama"),
                new ListedModel("ollama/nomic-embed-text", "ollama"),
                new ListedModel("openai/gpt-4", "openai"),
                new ListedModel("openai/gpt-4o", "openai"),
                new ListedModel("openai/gpt-4-turbo", "openai"),
                new ListedModel("openai/text-embedding-3-small", "openai"),
                new ListedModel("azure/generator", "azure"),
                new ListedModel("azure/us_east", "azure"),
            ],
            listed);
    }

    [Fact]
    public void Build_KeyOnSeveralBackends_IsOwnedByTheBackendABareKeyResolvesTo()
    {
        var listed = ModelListing.Build(Seed("ollama").WithDefaults(defaultBackend: "anthropic"));

        Assert.Equal("anthropic", Assert.Single(listed, m => m.Id == "overseer").OwnedBy);
    }

    [Fact]
    public void Build_SeedConfig_ListsEveryIdOnce()
    {
        var ids = ModelListing.Build(Seed("ollama")).Select(m => m.Id).ToList();

        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Contains("anthropic/claude-3-opus-20240229", ids);
        Assert.Contains("lmstudio/local-model", ids);
    }

    [Fact]
    public void Build_EveryListedId_ResolvesToTheBackendThatOwnsIt()
    {
        var config = Seed("ollama", "openai");
        var resolver = new RouteResolver(config, new EndpointPools());

        foreach (var model in ModelListing.Build(config))
        {
            var plan = PlanOf(resolver.ResolveChat(model.Id, null));
            Assert.True(model.OwnedBy == plan.Candidates[0].Backend.Name, $"{model.Id} resolved to {plan.Candidates[0].Backend.Name}");
        }
    }
}
