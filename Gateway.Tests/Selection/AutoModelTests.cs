using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Selection;

/// <summary>
/// <c>model: "auto"</c> on chat, driven by the official OpenAI SDK: the selector reads the last user message, the top pick serves, the
/// next picks are the fallbacks, and <c>x-gateway-model</c> says what was chosen.
/// </summary>
public sealed class AutoModelTests
{
    private static string TwoBackends(string ollamaUrl, string anthropicUrl, string extra = "") => $$$"""
        llm:
          backend: "ollama"
          global_defaults: {max_retries: 0}
          ollama:
            base_url: "{{{ollamaUrl}}}"
            models: {generator: "qwen2.5-coder:14b", overseer: "llama3"}
            context_windows: {"qwen2.5-coder:14b": 131072, llama3: 8192}
          anthropic:
            base_url: "{{{anthropicUrl}}}"
            api_key: "sk-ant-test"
            models: {writer: "claude-3-haiku-20240307"}
        {{{extra}}}
        """;

    [Fact]
    public async Task CompleteChat_AutoWithDirective_TheNamedBackendServes()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        await using var gateway = await TestGateway.StartAsync(TwoBackends(ollama.Url, anthropic.Url));

        var result = await gateway.Chat("auto").CompleteChatAsync([new UserChatMessage("Use Claude for this: write a haiku about gateways")]);

        Assert.Equal(AnthropicPayloads.MessageText, result.Value.Content[0].Text);
        Assert.Equal("claude-3-haiku-20240307", Header(result, "x-gateway-model"));
        Assert.Equal("anthropic", Header(result, "x-gateway-backend"));
        Assert.Equal("claude-3-haiku-20240307", Assert.Single(anthropic.Requests).JsonString("model"));
        Assert.Empty(ollama.Requests);
    }

    [Fact]
    public async Task CompleteChat_AutoForACodeTask_TheCodeModelServes()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        await using var gateway = await TestGateway.StartAsync(TwoBackends(ollama.Url, anthropic.Url));

        var result = await gateway.Chat("auto").CompleteChatAsync(
            [new SystemChatMessage("You are terse."), new UserChatMessage("hi"), new AssistantChatMessage("hello"), new UserChatMessage("Refactor this Python function")]);

        Assert.Equal("qwen2.5-coder:14b", Header(result, "x-gateway-model"));
        Assert.Equal("qwen2.5-coder:14b", Assert.Single(ollama.Requests).JsonString("model"));
    }

    [Fact]
    public async Task CompleteChat_AutoTopPickFails_TheNextPickServes()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        anthropic.Enqueue(AnthropicPayloads.Overloaded());
        await using var gateway = await TestGateway.StartAsync(TwoBackends(ollama.Url, anthropic.Url));

        var result = await gateway.Chat("auto").CompleteChatAsync([new UserChatMessage("use claude to summarize this")]);

        Assert.Equal(OllamaPayloads.ChatContent, result.Value.Content[0].Text);
        Assert.Equal(("ollama", "2"), (Header(result, "x-gateway-backend"), Header(result, "x-gateway-attempts")));
        Assert.Single(anthropic.Requests);
    }

    [Fact]
    public async Task CompleteChatStreaming_Auto_StreamsFromTheTopPick()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        await using var gateway = await TestGateway.StartAsync(TwoBackends(ollama.Url, anthropic.Url));

        var text = new StringBuilder();
        await foreach (var update in gateway.Chat("auto").CompleteChatStreamingAsync([new UserChatMessage("use anthropic, quickly")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal(AnthropicPayloads.TextStreamContent, text.ToString());
        Assert.True(Assert.Single(anthropic.Requests).JsonBool("stream"));
    }

    [Fact]
    public async Task CompleteChat_AutoWithBackendHeader_PicksOnlyFromThatBackend()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        await using var gateway = await TestGateway.StartAsync(TwoBackends(ollama.Url, anthropic.Url));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = OllamaChatTests.Json("""{"model":"auto","messages":[{"role":"user","content":"use claude"}]}"""),
        };
        request.Headers.Add("x-gateway-backend", "ollama");

        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ollama", response.Headers.GetValues("x-gateway-backend").Single());
        Assert.Empty(anthropic.Requests);
    }

    [Fact]
    public async Task CompleteChat_AutoNamingAnUnconfiguredBackend_422SaysSoInOpenAisShape()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(TwoBackends(ollama.Url, "http://127.0.0.1:1"));

        using var response = await gateway.Http.PostAsync(
            "/v1/chat/completions",
            OllamaChatTests.Json("""{"model":"auto","messages":[{"role":"user","content":"use azure"}]}"""));

        Assert.Equal(422, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(("no_model_selected", "model", "invalid_request_error"), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString(), error.GetProperty("type").GetString()));
        Assert.Equal(
            "Model 'auto' could not choose a model: The request asks for 'azure' (backend azure), which is not configured; configured backends: ollama, anthropic. "
            + "Add an llm.azure section or ask for one of these.",
            error.GetProperty("message").GetString());
        Assert.Empty(ollama.Requests);
    }

    [Fact]
    public async Task CompleteChat_AutoWithSelectorDisabled_400SaysHowToChoose()
    {
        await using var gateway = await TestGateway.StartAsync(TwoBackends("http://127.0.0.1:1", "http://127.0.0.1:1", "model_selector: {enabled: false}"));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => gateway.Chat("auto").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(400, error.Status);
        Assert.Contains("model_selector.enabled: false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChat_ModelKeyNamedAuto_IsRoutedAsAKeyNotSelected()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              ollama:
                base_url: "{{ollama.Url}}"
                models: {auto: "llama3", generator: "qwen2.5-coder:14b"}
            """);

        var result = await gateway.Chat("auto").CompleteChatAsync([new UserChatMessage("write code")]);

        Assert.Equal("llama3", Header(result, "x-gateway-model"));
    }

    private static string? Header<T>(ClientResult<T> result, string name) =>
        result.GetRawResponse().Headers.TryGetValue(name, out var value) ? value : null;
}
