using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Surfaces.Anthropic;

/// <summary>
/// <c>POST /v1/messages</c> through the running gateway, driven by the official Anthropic .NET SDK as its users drive it, over a
/// backend of another protocol (Ollama's native API, a real stub on loopback): the request is translated on the upstream side and the
/// answer is Anthropic's on the client side; errors are Anthropic's too.
/// </summary>
public sealed class MessagesEndpointTests
{
    private static string Config(string ollamaUrl, string server = "") => $$"""
        {{server}}
        llm:
          backend: ollama
          global_defaults: { max_retries: 0 }
          ollama:
            base_url: "{{ollamaUrl}}"
            models: { generator: "{{OllamaPayloads.ChatModel}}" }
        """;

    [Fact]
    public async Task Create_OverOllama_TheSdkReadsTheAnswerAndTheUpstreamGotTheTranslation()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(200, OllamaPayloads.Chat));
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        var message = await Client(gateway).Messages.Create(new MessageCreateParams
        {
            Model = "generator",
            MaxTokens = 100,
            System = "Be brief.",
            Messages = [new UserMessageParam { Content = "Say hello" }],
        });

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal(OllamaPayloads.ChatContent, text!.Text);
        Assert.Equal("end_turn", message.StopReason!.Raw());
        Assert.Equal(26, message.Usage.InputTokens);
        var sent = Assert.Single(ollama.Requests).Json;
        Assert.Equal(["system", "user"], sent.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(100, sent.GetProperty("options").GetProperty("num_predict").GetInt32());
    }

    [Fact]
    public async Task CreateStreaming_OverOllama_TheSdkAssemblesTheText()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Ndjson(OllamaPayloads.ChatStream));
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        var text = new StringBuilder();
        var types = new List<string>();
        await foreach (var streamed in Client(gateway).Messages.CreateStreaming(new MessageCreateParams
        {
            Model = "generator",
            MaxTokens = 100,
            Messages = [new UserMessageParam { Content = "Say hello" }],
        }))
        {
            types.Add(JsonDocument.Parse(JsonSerializer.Serialize(streamed)).RootElement.GetProperty("type").GetString()!);
            if (streamed.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var piece))
            {
                text.Append(piece.Text);
            }
        }

        Assert.StartsWith(OllamaPayloads.ChatStreamContent, text.ToString(), StringComparison.Ordinal);
        Assert.Equal("message_start", types[0]);
        Assert.Equal("message_stop", types[^1]);
    }

    [Fact]
    public async Task Create_ToolUse_TheSdkGetsAToolUseBlockWithItsInput()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(200, OllamaPayloads.ToolCallChat));
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PostAsync(gateway, """
            {"model":"generator","max_tokens":200,
             "tools":[{"name":"get_weather","description":"Weather by city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
             "messages":[{"role":"user","content":"Weather in Tokyo?"}]}
            """);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var block = body.GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use");
        Assert.Equal("get_weather", block.GetProperty("name").GetString());
        Assert.Equal("Tokyo", block.GetProperty("input").GetProperty("city").GetString());
        Assert.Equal("tool_use", body.GetProperty("stop_reason").GetString());
        var sentTool = Assert.Single(ollama.Requests).Json.GetProperty("tools")[0];
        Assert.Equal("get_weather", sentTool.GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_ClaudeCodeHints_AnsweredAndNamedInTheIgnoredHeader()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(200, OllamaPayloads.Chat));
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PostAsync(gateway, """
            {"model":"generator","max_tokens":128000,"thinking":{"type":"adaptive"},"context_management":{"edits":[]},
             "messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}]}
            """, ("anthropic-beta", "context-management-2025-06-27"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cache_control, context_management, thinking, anthropic-beta", Assert.Single(response.Headers.GetValues("x-gateway-ignored")));
        Assert.False(Assert.Single(ollama.Requests).Json.TryGetProperty("thinking", out _));
    }

    [Theory]
    [InlineData("""{"model":"generator","messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error", "max_tokens: Field required")]
    [InlineData("""{"model":"generator","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document","source":{}}]}]}""", 400, "invalid_request_error", "'document'")]
    [InlineData("""{"model":"gen\u0007erator","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error", "'model'")]
    [InlineData("""{"model":"generator","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"temperature":"hot"}""", 400, "invalid_request_error", "temperature")]
    [InlineData("""{"model":""", 400, "invalid_request_error", "JSON")]
    public async Task Create_BadRequest_AnthropicsErrorShape(string body, int status, string type, string message)
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PostAsync(gateway, body);

        await AnthropicHttp.AssertErrorAsync(response, status, type, message);
        Assert.Equal("false", response.Headers.GetValues("x-should-retry").Single());
        Assert.Empty(ollama.Requests);
    }

    [Theory]
    [InlineData("GET", "/v1/messages", 405, "invalid_request_error")]
    [InlineData("POST", "/v1/messages/nothing", 404, "not_found_error")]
    public async Task WrongMethodOrPath_UnderMessages_AnthropicsErrorShape(string method, string path, int status, string type)
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

        using var response = await gateway.Http.SendAsync(request);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal(type, error.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_GatewayKeyAsXApiKey_AcceptedAndAWrongOneIsAnAnthropicAuthenticationError()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(200, OllamaPayloads.Chat));
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url, "server:\n  api_keys: [\"gw-key-0123456789abcdef\"]"));

        var message = await Client(gateway, "gw-key-0123456789abcdef").Messages.Create(new MessageCreateParams
        {
            Model = "generator",
            MaxTokens = 10,
            Messages = [new UserMessageParam { Content = "hi" }],
        });
        using var wrong = await PostAsync(gateway, """{"model":"generator","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""", ("x-api-key", "not-the-key"));

        Assert.Equal("msg_", message.ID[..4]);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("false", wrong.Headers.GetValues("x-should-retry").Single()); // else Claude Code retries a wrong key for a minute
        var error = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("authentication_error", error.GetProperty("error").GetProperty("type").GetString());
        Assert.DoesNotContain(ollama.Requests, r => r.Headers.ContainsKey("x-api-key"));
    }

    private static AnthropicClient Client(TestGateway gateway, string key = "client-key-not-forwarded") =>
        new() { ApiKey = key, BaseUrl = gateway.Url, MaxRetries = 0 };

    private static Task<HttpResponseMessage> PostAsync(TestGateway gateway, string body, params (string Name, string Value)[] headers) =>
        AnthropicHttp.PostAsync(gateway, "/v1/messages?beta=true", body, headers);
}
