using System.ClientModel;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Api;

public sealed class FallbackTests
{
    [Fact]
    public async Task CompleteChat_FirstEndpointRefuses_NextEndpointOfSameBackendAnswers()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var dead = ClosedPort.Url();
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: ollama
              global_defaults: { max_retries: 0 }
              ollama:
                base_url: "{{dead}}"
                models:
                  overseer: "llama3.2"
                endpoints:
                  overseer:
                    - "{{dead}}"
                    - "{{ollama.Url}}"
            """);

        var result = await gateway.Chat("overseer").CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.Equal("Hello! How are you today?", result.Value.Content[0].Text);
        var headers = result.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-gateway-attempts", out var attempts) && attempts == "2");
        Assert.Single(ollama.Requests);
    }

    [Fact]
    public async Task CompleteChat_PrimaryAnswers500_FallbackBackendServesTheSameModelKey()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        openai.Enqueue(StubResponse.Json(500, """{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}"""));
        await using var gateway = await TestGateway.StartAsync(TwoBackends(openai.Url + "/v1", ollama.Url));

        var result = await gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.Equal("Hello! How are you today?", result.Value.Content[0].Text);
        var headers = result.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-gateway-backend", out var backend) && backend == "ollama");
        Assert.True(headers.TryGetValue("x-gateway-model", out var model) && model == "qwen2.5-coder:14b");
        Assert.True(headers.TryGetValue("x-gateway-attempts", out var attempts) && attempts == "2");
        using var body = JsonDocument.Parse(Assert.Single(ollama.Requests).Body);
        Assert.Equal("qwen2.5-coder:14b", body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task CompleteChatStreaming_PrimaryFailsBeforeFirstEvent_FallbackStreamsInvisibly()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        openai.Enqueue(StubResponse.Sse(["data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"]));
        await using var gateway = await TestGateway.StartAsync(TwoBackends(openai.Url + "/v1", ollama.Url));

        var text = new System.Text.StringBuilder();
        await foreach (var update in gateway.Chat("generator").CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.NotEqual(0, text.Length);
        Assert.Single(openai.Requests);
        Assert.Single(ollama.Requests);
    }

    [Fact]
    public async Task CompleteChat_EveryCandidateRefuses_503ListsEachAttempt()
    {
        var deadOpenAi = ClosedPort.Url();
        var deadOllama = ClosedPort.Url();
        await using var gateway = await TestGateway.StartAsync(TwoBackends(deadOpenAi + "/v1", deadOllama));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(503, error.Status);
        Assert.Contains("All 2 attempts failed", error.Message, StringComparison.Ordinal);
        Assert.Contains($"openai {deadOpenAi}/v1 (gpt-4): connection refused", error.Message, StringComparison.Ordinal);
        Assert.Contains($"ollama {deadOllama} (qwen2.5-coder:14b): connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChat_ConcreteModelWithoutKey_FallbackSkippedAndSaidWhy()
    {
        var deadOpenAi = ClosedPort.Url();
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(TwoBackends(deadOpenAi + "/v1", ollama.Url));

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", OllamaChatTests.Json("""{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(503, (int)response.StatusCode);
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("fallback 'ollama' skipped", message, StringComparison.Ordinal);
        Assert.Empty(ollama.Requests);
    }

    [Fact]
    public async Task CompleteChat_BackendWithoutKey_401SaysWhichVariableToSet()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: openai
              openai:
                base_url: "{{openai.Url}}/v1"
                api_key: "${OPENAI_API_KEY}"
            """);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => gateway.Chat("gpt-4o").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(401, error.Status);
        Assert.Contains("No API key provided for backend 'openai': set OPENAI_API_KEY or llm.openai.api_key", error.Message, StringComparison.Ordinal);
        Assert.Empty(openai.Requests);
    }

    [Fact]
    public async Task CompleteChat_UpstreamRejects400_ClientHearsItAndNoFallbackIsTried()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        openai.Enqueue(StubResponse.Json(400, """{"error":{"message":"Invalid value for 'n': must be at most 128.","type":"invalid_request_error","param":"n","code":null}}"""));
        await using var gateway = await TestGateway.StartAsync(TwoBackends(openai.Url + "/v1", ollama.Url));

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", OllamaChatTests.Json("""{"model":"generator","n":2,"messages":[{"role":"user","content":"hi"}]}"""));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(400 == (int)response.StatusCode, text);
        Assert.Contains("Invalid value for 'n'", text, StringComparison.Ordinal);
        Assert.Empty(ollama.Requests);
    }

    /// <summary>OpenAI falling back to Ollama, without retries or cooldowns (they have tests of their own), so each backend is tried once.</summary>
    internal static string TwoBackends(string openAiBaseUrl, string ollamaUrl) => $$"""
        llm:
          backend: openai
          fallback_backends: ["ollama"]
          global_defaults: { max_retries: 0 }
          resilience: { failures_before_cooldown: 1000 }
          openai:
            base_url: "{{openAiBaseUrl}}"
            api_key: "sk-test"
            models:
              generator: "gpt-4"
          ollama:
            base_url: "{{ollamaUrl}}"
            models:
              generator: "qwen2.5-coder:14b"
        """;
}
