using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Mock;

/// <summary>The mock backend inside the running gateway, driven by the official OpenAI SDK: answers, streams, fallback and labels.</summary>
public sealed class MockGatewayTests
{
    private const string Config = """
        llm:
          backend: mock
          fallback_backends: [mock_fallback]
          global_defaults:
            max_retries: 0
            default_embedding_backend: mock
          mock:
            models: {generator: "mock-chat"}
            embedding_model: "mock-embedding"
            fail_on_text: "#fail"
          mock_fallback:
            models: {generator: "mock-chat-backup"}
        """;

    [Fact]
    public async Task CompleteChat_MockBackend_AnswersWithUsageAndIsLabelledAsMock()
    {
        await using var gateway = await TestGateway.StartAsync(Config);

        var result = await gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("Hi there")]);

        Assert.Equal("Hello from the gateway's mock backend 'mock' (model mock-chat). You wrote: Hi there", result.Value.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, result.Value.FinishReason);
        Assert.Equal(2, result.Value.Usage.InputTokenCount);
        var headers = result.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-gateway-mock", out var mock) && mock == "true");
        Assert.True(headers.TryGetValue("x-gateway-backend", out var backend) && backend == "mock");
        Assert.True(headers.TryGetValue("x-gateway-model", out var model) && model == "mock-chat");
    }

    [Fact]
    public async Task CompleteChatStreaming_MockBackend_StreamsTheSameTextWordByWord()
    {
        await using var gateway = await TestGateway.StartAsync(Config);

        var parts = new List<string>();
        await foreach (var update in gateway.Chat("generator").CompleteChatStreamingAsync([new UserChatMessage("Hi there")]))
        {
            parts.AddRange(update.ContentUpdate.Select(p => p.Text));
        }

        Assert.Equal("Hello from the gateway's mock backend 'mock' (model mock-chat). You wrote: Hi there", string.Concat(parts));
        Assert.True(parts.Count(p => p.Length > 0) > 10);
    }

    [Fact]
    public async Task CompleteChat_PrimaryMockFailsOnDemand_MockFallbackServesTheSameModelKey()
    {
        await using var gateway = await TestGateway.StartAsync(Config);

        var result = await gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("#fail please")]);

        Assert.StartsWith("Hello from the gateway's mock backend 'mock_fallback' (model mock-chat-backup).", result.Value.Content[0].Text, StringComparison.Ordinal);
        var headers = result.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-gateway-backend", out var backend) && backend == "mock_fallback");
        Assert.True(headers.TryGetValue("x-gateway-attempts", out var attempts) && attempts == "2");
        Assert.True(headers.TryGetValue("x-gateway-mock", out var mock) && mock == "true");
    }

    [Fact]
    public async Task CompleteChat_MockFailsAndARealBackendAnswers_NotLabelledAsMock()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: mock
              global_defaults: {max_retries: 0}
              fallback_backends: [openai]
              mock:
                models: {generator: "mock-chat"}
                fail_rate: 1
              openai:
                base_url: "{{openai.Url}}/v1"
                api_key: "sk-test"
                models: {generator: "gpt-4o-mini"}
            """);

        var result = await gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("Hello!")]);

        Assert.Equal("Hello! How can I assist you today?", result.Value.Content[0].Text);
        var headers = result.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-gateway-backend", out var backend) && backend == "openai");
        Assert.False(headers.TryGetValue("x-gateway-mock", out _));
        Assert.Single(openai.Requests);
    }

    [Fact]
    public async Task CompleteChat_EveryMockFails_ErrorNamesTheInjectedFailure()
    {
        await using var gateway = await TestGateway.StartAsync("llm:\n  mock:\n    fail_first_n: 5\n    fail_status: 503\n");

        using var response = await gateway.Http.PostAsync(
            "/v1/chat/completions", new StringContent("""{"model":"anything","messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Contains("failed this request on purpose", text, StringComparison.Ordinal);
        Assert.Equal("true", response.Headers.GetValues("x-gateway-mock").Single());
    }

    [Fact]
    public async Task GenerateEmbedding_MockBackend_SdkDecodesAUnitVector()
    {
        await using var gateway = await TestGateway.StartAsync(Config);

        var result = await gateway.OpenAI().GetEmbeddingClient("mock-embedding").GenerateEmbeddingAsync("Why is the sky blue?");

        var vector = result.Value.ToFloats().ToArray();
        Assert.Equal(16, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(x => (double)x * x)), 3);
        Assert.True(result.GetRawResponse().Headers.TryGetValue("x-gateway-mock", out var mock) && mock == "true");
    }

    [Fact]
    public async Task ListModels_MockSections_OwnedByMock()
    {
        await using var gateway = await TestGateway.StartAsync(Config);

        using var response = await gateway.Http.GetAsync("/v1/models");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var owners = body.RootElement.GetProperty("data").EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetString()!, m => m.GetProperty("owned_by").GetString());
        Assert.Equal("mock", owners["generator"]);
        Assert.Equal("mock", owners["mock/mock-chat"]);
        Assert.Equal("mock", owners["mock_fallback/mock-chat-backup"]);
        Assert.Equal("mock", owners["mock/mock-embedding"]);
    }

    [Fact]
    public async Task BackendHealth_MockBackends_ReportedReadyWithoutAnyNetwork()
    {
        await using var gateway = await TestGateway.StartAsync(Config);

        using var response = await gateway.Http.GetAsync("/health/backends");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
        Assert.All(body.RootElement.GetProperty("backends").EnumerateArray(), b => Assert.True(b.GetProperty("ready").GetBoolean()));
    }
}
