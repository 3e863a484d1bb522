using Gateway.Configuration;
using Gateway.Routing;
using static Gateway.Tests.Routing.TestConfigs;

namespace Gateway.Tests.Routing;

/// <summary>Azure deployments: pinned entries (a), entries serving a model (b), the regional pool (c) and the default deployment (d).</summary>
public sealed class RouteResolverAzureTests
{
    private static RoutePlan Plan(RouteResolver resolver, string model) => PlanOf(resolver.ResolveChat(model, null));

    private static RouteResolver Resolver(BackendConfig azure) => new(Config("azure", [], azure), new EndpointPools());

    [Fact]
    public void ResolveChat_EntryName_PinsThatDeploymentAtTheSectionEndpoint()
    {
        var plan = Plan(Resolver(SeedAzure()), "azure/generator");

        var pinned = Assert.Single(plan.Candidates);
        Assert.Equal(("gpt-4", "gpt-4-code", AzureResource), (pinned.Model, pinned.Deployment, pinned.Endpoint));
        Assert.Equal(("generator", "azure-key", 8192), (pinned.ModelKey, pinned.ApiKey, pinned.ContextWindow));
    }

    [Fact]
    public void ResolveChat_BareEntryNameOnDefaultAzure_IsAModelKeyAndPinsTheEntry()
    {
        var pinned = Assert.Single(Plan(Resolver(SeedAzure()), "overseer").Candidates);

        Assert.Equal(("azure", "gpt-4", "overseer"), (pinned.Backend.Name, pinned.Deployment, pinned.ModelKey));
    }

    [Fact]
    public void ResolveChat_EntryWithItsOwnKeyAndEndpoint_UsesBoth()
    {
        var azure = SeedAzure() with
        {
            Deployments = Deployments(
                Entry("generator", "gpt-4o-sweden", model: "gpt-4o", endpoint: "https://sweden.openai.azure.com/", apiKey: "sweden-key")),
        };

        var pinned = Assert.Single(Plan(Resolver(azure), "generator").Candidates);

        Assert.Equal(("https://sweden.openai.azure.com", "sweden-key", "gpt-4o"), (pinned.Endpoint, pinned.ApiKey, pinned.Model));
    }

    [Fact]
    public void ResolveChat_ModelServedBySeveralEntries_RoundRobinsOverThem()
    {
        var resolver = Resolver(SeedAzure());

        var first = Plan(resolver, "azure/gpt-4");
        var second = Plan(resolver, "azure/gpt-4");

        Assert.Equal([$"azure gpt-4 @ {AzureResource} [gpt-4]", $"azure gpt-4 @ {AzureResource} [gpt-4-code]"], Describe(first));
        Assert.Equal([$"azure gpt-4 @ {AzureResource} [gpt-4-code]", $"azure gpt-4 @ {AzureResource} [gpt-4]"], Describe(second));
        Assert.Equal(["primary", "endpoint 2 of 2"], first.Candidates.Select(c => c.Reason));
        Assert.All(first.Candidates, c => Assert.Equal("azure:gpt-4", c.PoolKey));
    }

    [Fact]
    public void ResolveChat_DeploymentId_SelectsTheEntryDeployingIt()
    {
        var plan = Plan(Resolver(SeedAzure()), "gpt-4-code");

        Assert.Equal([$"azure gpt-4 @ {AzureResource} [gpt-4-code]"], Describe(plan));
        Assert.Equal("generator", plan.Candidates[0].ModelKey);
    }

    [Fact]
    public void ResolveChat_SeedMultiRegionPattern_RoundRobinsOverTheRegions()
    {
        var resolver = Resolver(MultiRegionAzure());

        var first = Plan(resolver, "gpt-4");
        var second = Plan(resolver, "gpt-4");

        Assert.Equal(
            ["azure gpt-4 @ https://us-east.openai.azure.com [gpt-4-us-east]", "azure gpt-4 @ https://eu-west.openai.azure.com [gpt-4-eu-west]"],
            Describe(first));
        Assert.Equal(
            ["azure gpt-4 @ https://eu-west.openai.azure.com [gpt-4-eu-west]", "azure gpt-4 @ https://us-east.openai.azure.com [gpt-4-us-east]"],
            Describe(second));
        Assert.All(first.Candidates, c => Assert.Equal("azure:*", c.PoolKey));
    }

    [Fact]
    public void ResolveChat_RegionalEntriesWithTheirOwnKeys_FallBackToTheSectionKeyWhenAbsent()
    {
        var azure = MultiRegionAzure() with
        {
            Deployments = Deployments(
                Entry("us_east", "gpt-4-us-east", endpoint: "https://us-east.openai.azure.com", apiKey: "us-east-key"),
                Entry("eu_west", "gpt-4-eu-west", endpoint: "https://eu-west.openai.azure.com")),
        };

        var plan = Plan(Resolver(azure), "gpt-4");

        Assert.Equal(["us-east-key", "azure-key"], plan.Candidates.Select(c => c.ApiKey));
    }

    [Fact]
    public void ResolveChat_RegionLabel_PinsThatRegionWithTheDeploymentAsModel()
    {
        var pinned = Assert.Single(Plan(Resolver(MultiRegionAzure()), "azure/eu_west").Candidates);

        Assert.Equal(("https://eu-west.openai.azure.com", "gpt-4-eu-west", "gpt-4-eu-west"), (pinned.Endpoint, pinned.Deployment, pinned.Model));
        Assert.Null(pinned.ModelKey);
    }

    [Fact]
    public void ResolveChat_NoEntryServesTheModel_UsesDeploymentNameAtTheSectionEndpoint()
    {
        var pinned = Assert.Single(Plan(Resolver(SeedAzure()), "azure/gpt-35-turbo").Candidates);

        Assert.Equal(("gpt-35-turbo", "gpt-4", AzureResource), (pinned.Model, pinned.Deployment, pinned.Endpoint));
        Assert.Equal(16385, pinned.ContextWindow);
    }

    [Fact]
    public void ResolveChat_NoEntryAndNoDeploymentName_UsesTheModelAsTheDeployment()
    {
        var azure = Backend("azure", ("triage", "gpt-4o-mini"));

        var pinned = Assert.Single(Plan(Resolver(azure), "triage").Candidates);

        Assert.Equal(("gpt-4o-mini", "gpt-4o-mini", "triage"), (pinned.Model, pinned.Deployment, pinned.ModelKey));
    }
}
