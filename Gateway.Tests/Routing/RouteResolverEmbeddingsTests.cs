using Gateway.Configuration;
using Gateway.Routing;
using static Gateway.Tests.Routing.TestConfigs;

namespace Gateway.Tests.Routing;

/// <summary>Which backend and model serve <c>/v1/embeddings</c>, and why embeddings never fall back to another backend.</summary>
public sealed class RouteResolverEmbeddingsTests
{
    private static readonly BackendConfig OllamaWithEmbeddings = SeedOllama() with
    {
        EmbeddingModel = "nomic-embed-text",
        Models = Map(("overseer", "llama3"), ("embedding", "mxbai-embed-large")),
    };

    private static RouteResult Resolve(GatewayConfig config, string? model, string? header = null) =>
        new RouteResolver(config, new EndpointPools()).ResolveEmbeddings(model, header);

    private static GatewayConfig OllamaThenOpenAI(string? embeddingBackend = null) =>
        Config("ollama", ["openai"], OllamaWithEmbeddings, SeedOpenAI()).WithDefaults(embeddingBackend: embeddingBackend);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("default")]
    public void ResolveEmbeddings_NoModelNamed_UsesTheDefaultEmbeddingBackendsModel(string? model)
    {
        var plan = PlanOf(Resolve(OllamaThenOpenAI(embeddingBackend: "openai"), model));

        Assert.Equal(["openai text-embedding-3-small @ https://api.openai.com/v1"], Describe(plan));
    }

    [Fact]
    public void ResolveEmbeddings_NoEmbeddingBackendConfigured_UsesTheDefaultBackend()
    {
        var plan = PlanOf(Resolve(OllamaThenOpenAI(), null));

        Assert.Equal(["ollama nomic-embed-text @ http://localhost:11434"], Describe(plan));
    }

    [Fact]
    public void ResolveEmbeddings_AnotherBackendsEmbeddingModel_GoesToThatBackend()
    {
        var plan = PlanOf(Resolve(OllamaThenOpenAI(), "text-embedding-3-small"));

        Assert.Equal(["openai text-embedding-3-small @ https://api.openai.com/v1"], Describe(plan));
    }

    [Fact]
    public void ResolveEmbeddings_UnknownModel_GoesAsGivenToTheDefaultEmbeddingBackend()
    {
        var plan = PlanOf(Resolve(OllamaThenOpenAI(embeddingBackend: "openai"), "snowflake-arctic-embed"));

        Assert.Equal(["openai snowflake-arctic-embed @ https://api.openai.com/v1"], Describe(plan));
    }

    [Theory]
    [InlineData("ollama/all-minilm", "ollama all-minilm @ http://localhost:11434")]
    [InlineData("ollama/embedding", "ollama mxbai-embed-large @ http://localhost:11434")]
    [InlineData("ollama/default", "ollama nomic-embed-text @ http://localhost:11434")]
    [InlineData("openai/text-embedding-3-large", "openai text-embedding-3-large @ https://api.openai.com/v1")]
    public void ResolveEmbeddings_BackendPrefix_UsesThatBackendAndTheRestAsModelOrKey(string model, string expected)
    {
        var plan = PlanOf(Resolve(OllamaThenOpenAI(embeddingBackend: "openai"), model));

        Assert.Equal([expected], Describe(plan));
    }

    [Fact]
    public void ResolveEmbeddings_Header_OverridesTheBackendOfTheEmbeddingModel()
    {
        var plan = PlanOf(Resolve(OllamaThenOpenAI(), "text-embedding-3-small", "ollama"));

        Assert.Equal(["ollama text-embedding-3-small @ http://localhost:11434"], Describe(plan));
    }

    [Fact]
    public void ResolveEmbeddings_HeaderWithoutModel_UsesThatBackendsEmbeddingModel()
    {
        var plan = PlanOf(Resolve(OllamaThenOpenAI(), null, "openai"));

        Assert.Equal(["openai text-embedding-3-small @ https://api.openai.com/v1"], Describe(plan));
    }

    [Fact]
    public void ResolveEmbeddings_AnthropicBackend_Returns400NamingBackendsThatHaveEmbeddings()
    {
        var config = Config("anthropic", [], SeedAnthropic(), OllamaWithEmbeddings, SeedOpenAI());

        var error = ErrorOf(Resolve(config, null));

        Assert.Equal((400, "unsupported_backend", "model"), (error.StatusCode, error.Code, error.Param));
        Assert.Equal(
            "Backend 'anthropic' has no embeddings API; set llm.global_defaults.default_embedding_backend to one of: ollama, openai",
            error.Message);
    }

    [Fact]
    public void ResolveEmbeddings_AnthropicByPrefix_Returns400Unsupported()
    {
        var config = Config("ollama", [], OllamaWithEmbeddings, SeedAnthropic());

        var error = ErrorOf(Resolve(config, "anthropic/claude-3-haiku-20240307"));

        Assert.Equal((400, "unsupported_backend"), (error.StatusCode, error.Code));
        Assert.EndsWith("to one of: ollama", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveEmbeddings_NoModelAnywhere_Returns400SayingWhatToSet()
    {
        var config = Config("lmstudio", [], SeedLMStudio());

        var error = ErrorOf(Resolve(config, "default"));

        Assert.Equal((400, "invalid_model", "model"), (error.StatusCode, error.Code, error.Param));
        Assert.Contains("set llm.lmstudio.embedding_model or pass a model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveEmbeddings_UnconfiguredBackendPrefix_Returns404()
    {
        var error = ErrorOf(Resolve(OllamaThenOpenAI(), "azure/text-embedding-3-small"));

        Assert.Equal((404, "backend_not_found", "model"), (error.StatusCode, error.Code, error.Param));
        Assert.EndsWith("GET /v1/models.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveEmbeddings_PooledKey_ListsTheOtherEndpointsButNoFallbackBackend()
    {
        var ollama = OllamaWithEmbeddings with { Endpoints = Pools(("embedding", ["http://gpu1:11434", "http://gpu2:11434"])) };
        var config = Config("ollama", ["openai"], ollama, SeedOpenAI());

        var plan = PlanOf(Resolve(config, "embedding"));

        Assert.Equal(["ollama mxbai-embed-large @ http://gpu1:11434", "ollama mxbai-embed-large @ http://gpu2:11434"], Describe(plan));
        Assert.Equal(["primary", "endpoint 2 of 2"], plan.Candidates.Select(c => c.Reason));
        Assert.Empty(plan.Notes);
    }

    [Fact]
    public void ResolveEmbeddings_Azure_UsesTheEmbeddingModelAsDeploymentNotTheChatDefault()
    {
        var azure = SeedAzure() with { EmbeddingModel = "text-embedding-3-small" };

        var plan = PlanOf(Resolve(Config("azure", [], azure), null));

        Assert.Equal([$"azure text-embedding-3-small @ {AzureResource} [text-embedding-3-small]"], Describe(plan));
    }
}
