using Gateway.Routing;
using static Gateway.Tests.Routing.TestConfigs;

namespace Gateway.Tests.Routing;

/// <summary>The <c>x-gateway-backend</c> header: it picks the backend, and the model string is read for that backend only.</summary>
public sealed class RouteResolverHeaderTests
{
    private static RouteResult Resolve(string model, string header) =>
        new RouteResolver(Seed("ollama", "openai"), new EndpointPools()).ResolveChat(model, header);

    [Fact]
    public void ResolveChat_HeaderWithKey_MapsTheKeyOnTheNamedBackend()
    {
        var primary = PlanOf(Resolve("generator", "anthropic")).Candidates[0];

        Assert.Equal(("anthropic", "claude-3-5-sonnet-20241022", "generator"), (primary.Backend.Name, primary.Model, primary.ModelKey));
    }

    [Fact]
    public void ResolveChat_HeaderWithModelListedElsewhere_SendsTheNameToTheNamedBackend()
    {
        var primary = PlanOf(Resolve("llama3", "openai")).Candidates[0];

        Assert.Equal(("openai", "llama3"), (primary.Backend.Name, primary.Model));
        Assert.Null(primary.ModelKey);
    }

    [Theory]
    [InlineData("hf.co/user/model:Q4", "hf.co/user/model:Q4")]
    [InlineData("anthropic/claude-3-haiku-20240307", "anthropic/claude-3-haiku-20240307")]
    [InlineData("ollama/llama3", "llama3")]
    public void ResolveChat_HeaderWithSlashedModel_KeepsItWholeUnlessThePrefixNamesTheSameBackend(string model, string expected)
    {
        var primary = PlanOf(Resolve(model, "ollama")).Candidates[0];

        Assert.Equal(("ollama", expected), (primary.Backend.Name, primary.Model));
    }

    [Fact]
    public void ResolveChat_HeaderIsCaseInsensitive()
    {
        Assert.Equal("anthropic", PlanOf(Resolve("triage", "Anthropic")).Candidates[0].Backend.Name);
    }

    [Theory]
    [InlineData("bedrock", "is not a known backend")]
    [InlineData("azure", "has no llm.azure section")]
    public void ResolveChat_HeaderNamingNoConfiguredBackend_Returns404ForTheHeader(string header, string problem)
    {
        var config = Config("ollama", [], SeedOllama(), SeedOpenAI());

        var error = ErrorOf(new RouteResolver(config, new EndpointPools()).ResolveChat("generator", header));

        Assert.Equal((404, "backend_not_found", "x-gateway-backend"), (error.StatusCode, error.Code, error.Param));
        Assert.Contains($"'{header}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("configured backends: ollama, openai", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("GET /v1/models.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveChat_EmptyHeader_IsIgnored()
    {
        Assert.Equal("ollama", PlanOf(Resolve("generator", "")).Candidates[0].Backend.Name);
    }
}
