using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Api;

public sealed class ModelsAndEmbeddingsTests
{
    private static string Config(string ollamaUrl, string openAiBaseUrl, string embeddingBackend = "ollama") => $$"""
        llm:
          backend: ollama
          global_defaults:
            default_embedding_backend: {{embeddingBackend}}
          ollama:
            base_url: "{{ollamaUrl}}"
            embedding_model: "all-minilm"
            models:
              overseer: "llama3"
              generator: "qwen2.5-coder:14b"
          openai:
            base_url: "{{openAiBaseUrl}}"
            api_key: "sk-test"
            embedding_model: "text-embedding-3-small"
            models:
              generator: "gpt-4"
          anthropic:
            api_key: "sk-ant-test"
            models:
              generator: "claude-3-5-sonnet-20241022"
        """;

    [Fact]
    public async Task GetModels_OfficialSdk_ListsKeysAndBackendQualifiedModels()
    {
        await using var gateway = await TestGateway.StartAsync(Config(ClosedPort.Url(), ClosedPort.Url() + "/v1"));

        var models = await gateway.OpenAI().GetOpenAIModelClient().GetModelsAsync();
        var ids = models.Value.Select(m => m.Id).ToList();

        Assert.Contains("overseer", ids);
        Assert.Contains("generator", ids);
        Assert.Contains("ollama/llama3", ids);
        Assert.Contains("ollama/qwen2.5-coder:14b", ids);
        Assert.Contains("openai/gpt-4", ids);
        Assert.Contains("anthropic/claude-3-5-sonnet-20241022", ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal("ollama", models.Value.Single(m => m.Id == "ollama/llama3").OwnedBy);
    }

    [Fact]
    public async Task GetModel_ModelWithSlashAndColon_FoundByIdOr404()
    {
        await using var gateway = await TestGateway.StartAsync(Config(ClosedPort.Url(), ClosedPort.Url() + "/v1"));

        var found = await gateway.OpenAI().GetOpenAIModelClient().GetModelAsync("ollama/qwen2.5-coder:14b");
        using var missing = await gateway.Http.GetAsync("/v1/models/ollama/nothing-here");

        Assert.Equal("ollama/qwen2.5-coder:14b", found.Value.Id);
        Assert.Equal(404, (int)missing.StatusCode);
    }

    [Fact]
    public async Task GenerateEmbedding_OllamaBackend_SdkDecodesTheVectorOllamaReturned()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url, ClosedPort.Url() + "/v1"));

        var embedding = await gateway.OpenAI().GetEmbeddingClient("all-minilm").GenerateEmbeddingAsync("Why is the sky blue?");

        float[] expected = [0.010071029f, -0.0017594862f, 0.05007221f, 0.04692972f, 0.054916814f, 0.008599704f, 0.105441414f, -0.025878139f, 0.12958129f, 0.031952348f];
        Assert.Equal(expected, embedding.Value.ToFloats().ToArray());
        var upstream = Assert.Single(ollama.Requests);
        Assert.Equal("/api/embed", upstream.Path);
        using var body = JsonDocument.Parse(upstream.Body);
        Assert.Equal("all-minilm", body.RootElement.GetProperty("model").GetString());
        Assert.Equal("Why is the sky blue?", body.RootElement.GetProperty("input").GetString());
    }

    [Fact]
    public async Task GenerateEmbedding_OpenAiBackend_PassedThroughWithEmbeddingModel()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.StartAsync(Config(ClosedPort.Url(), openai.Url + "/v1", embeddingBackend: "openai"));

        using var response = await gateway.Http.PostAsync("/v1/embeddings", OllamaChatTests.Json("""{"input":"hello","model":"default"}"""));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("openai", Assert.Single(response.Headers.GetValues("x-gateway-backend")));
        using var body = JsonDocument.Parse(Assert.Single(openai.Requests).Body);
        Assert.Equal("text-embedding-3-small", body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Embeddings_AnthropicIsTheDefaultBackend_400NamesTheSettingToUse()
    {
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: anthropic
              anthropic:
                api_key: "sk-ant-test"
              ollama:
                base_url: "{{ClosedPort.Url()}}"
            """);

        using var response = await gateway.Http.PostAsync("/v1/embeddings", OllamaChatTests.Json("""{"input":"hello"}"""));

        Assert.Equal(400, (int)response.StatusCode);
        var message = (await BadInputTests.ReadErrorAsync(response)).GetProperty("message").GetString()!;
        Assert.Contains("anthropic", message, StringComparison.Ordinal);
        Assert.Contains("default_embedding_backend", message, StringComparison.Ordinal);
        Assert.Contains("ollama", message, StringComparison.Ordinal);
    }
}
