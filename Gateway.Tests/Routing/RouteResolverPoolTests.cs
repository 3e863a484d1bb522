using Gateway.Configuration;
using Gateway.Routing;
using static Gateway.Tests.Routing.TestConfigs;

namespace Gateway.Tests.Routing;

/// <summary>Round-robin over <c>endpoints.&lt;key&gt;</c> lists: where each request starts and how the rest of the plan follows.</summary>
public sealed class RouteResolverPoolTests
{
    private static GatewayConfig ThreeGeneratorEndpoints(params string[] urls)
    {
        var ollama = SeedOllama() with
        {
            Endpoints = Pools(("generator", urls.Length > 0 ? urls : ["http://gpu1:11434", "http://gpu2:11434", "http://gpu3:11434"])),
        };
        return Config("ollama", ["openai"], ollama, SeedOpenAI());
    }

    [Fact]
    public void ResolveChat_ThreeEndpoints_EachRequestStartsOneFurtherAndListsTheRestInRotation()
    {
        var resolver = new RouteResolver(ThreeGeneratorEndpoints(), new EndpointPools());

        string[][] plans = [.. Enumerable.Range(0, 4).Select(_ => Describe(PlanOf(resolver.ResolveChat("generator", null))))];

        const string Fallback = "openai gpt-4 @ https://api.openai.com/v1";
        Assert.Equal(
            [
                ["ollama qwen2.5-coder:14b @ http://gpu1:11434", "ollama qwen2.5-coder:14b @ http://gpu2:11434", "ollama qwen2.5-coder:14b @ http://gpu3:11434", Fallback],
                ["ollama qwen2.5-coder:14b @ http://gpu2:11434", "ollama qwen2.5-coder:14b @ http://gpu3:11434", "ollama qwen2.5-coder:14b @ http://gpu1:11434", Fallback],
                ["ollama qwen2.5-coder:14b @ http://gpu3:11434", "ollama qwen2.5-coder:14b @ http://gpu1:11434", "ollama qwen2.5-coder:14b @ http://gpu2:11434", Fallback],
                ["ollama qwen2.5-coder:14b @ http://gpu1:11434", "ollama qwen2.5-coder:14b @ http://gpu2:11434", "ollama qwen2.5-coder:14b @ http://gpu3:11434", Fallback],
            ],
            plans);
    }

    [Fact]
    public void ResolveChat_PooledKey_LabelsEndpointsAndNamesThePool()
    {
        var plan = PlanOf(new RouteResolver(ThreeGeneratorEndpoints(), new EndpointPools()).ResolveChat("generator", null));

        Assert.Equal(["primary", "endpoint 2 of 3", "endpoint 3 of 3", "fallback 'openai'"], plan.Candidates.Select(c => c.Reason));
        Assert.Equal(["ollama:generator", "ollama:generator", "ollama:generator", "openai"], plan.Candidates.Select(c => c.PoolKey));
    }

    [Fact]
    public void ResolveChat_DuplicateEndpointUrls_AreListedOnce()
    {
        var config = ThreeGeneratorEndpoints("http://gpu1:11434", "http://gpu1:11434/", "http://gpu2:11434");

        var plan = PlanOf(new RouteResolver(config, new EndpointPools()).ResolveChat("ollama/generator", null));

        Assert.Equal(["http://gpu1:11434", "http://gpu2:11434", "https://api.openai.com/v1"], plan.Candidates.Select(c => c.Endpoint));
    }

    [Fact]
    public void ResolveChat_KeyWithoutEndpointList_UsesTheBaseUrlAlone()
    {
        var plan = PlanOf(new RouteResolver(Seed("ollama"), new EndpointPools()).ResolveChat("triage", null));

        Assert.Equal(["ollama tinyllama @ http://localhost:11434"], Describe(plan));
    }

    [Fact]
    public void ResolveChat_ConcreteNameOfAPooledKey_UsesThatKeysPool()
    {
        var resolver = new RouteResolver(Seed("ollama"), new EndpointPools());

        var first = PlanOf(resolver.ResolveChat("llama3", null));
        var second = PlanOf(resolver.ResolveChat("ollama/llama3", null));

        Assert.Equal(["http://localhost:11434", "http://server2:11434"], first.Candidates.Select(c => c.Endpoint));
        Assert.Equal(["http://server2:11434", "http://localhost:11434"], second.Candidates.Select(c => c.Endpoint));
    }

    [Fact]
    public void ResolveChat_RequestsForOtherKeys_DoNotAdvanceAPool()
    {
        var resolver = new RouteResolver(Seed("ollama"), new EndpointPools());

        resolver.ResolveChat("overseer", null);
        resolver.ResolveChat("generator", null);
        resolver.ResolveChat("triage", null);
        var next = PlanOf(resolver.ResolveChat("overseer", null));

        Assert.Equal("http://server2:11434", next.Candidates[0].Endpoint);
    }

    [Fact]
    public void ResolveChat_PoolsSharedAcrossResolvers_KeepRotatingAfterAReload()
    {
        var pools = new EndpointPools();
        new RouteResolver(Seed("ollama"), pools).ResolveChat("overseer", null);

        var afterReload = PlanOf(new RouteResolver(Seed("ollama"), pools).ResolveChat("overseer", null));

        Assert.Equal("http://server2:11434", afterReload.Candidates[0].Endpoint);
    }
}
