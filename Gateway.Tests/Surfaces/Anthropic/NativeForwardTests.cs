using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Surfaces.Anthropic;

/// <summary>
/// <c>POST /v1/messages</c> to an Anthropic backend (a real stub of the Messages API on loopback): the client's body goes upstream as
/// it was sent, with only <c>model</c> replaced, and its headers; the answer, every stream event and the upstream's errors come back
/// unchanged. A fallback to a backend of another protocol is translated.
/// </summary>
public sealed class NativeForwardTests
{
    private const string BackendModel = "claude-sonnet-4-20250514";

    /// <summary>What Claude Code sends and no translation keeps: thinking with its signature, cache breakpoints, blocks of system, betas' fields, odd spacing and escapes.</summary>
    private const string ClaudeCodeBody = """
        {"model":"claude-sonnet-4-5","max_tokens":128000, "thinking":{"type":"adaptive"},"context_management":{"edits":[{"type":"clear_thinking_20251015"}]},
         "output_config":{"effort":"high"},"metadata":{"user_id":"u-1"},"top_k":5,
         "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2"},{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
         "messages":[{"role":"user","content":"caf\u00e9 \ud83d\ude00"},
           {"role":"assistant","content":[{"type":"thinking","thinking":"","signature":"EqQBCkYIBxgCKkB+sig=="},{"type":"text","text":"ok"}]},
           {"role":"user","content":[{"type":"text","text":"go on","cache_control":{"type":"ephemeral","ttl":"1h"}}]}],
         "tools":[{"name":"Read","description":"Reads a file","input_schema":{"type":"object","properties":{"path":{"type":"string"}}},"defer_loading":true}]}
        """;

    private static string Config(StubUpstream anthropic, StubUpstream? ollama = null) => $$"""
        llm:
          backend: anthropic
          global_defaults: { max_retries: 0 }
          {{(ollama is null ? "" : "fallback_backends: [ollama]")}}
          anthropic:
            base_url: "{{anthropic.Url}}"
            api_key: "sk-ant-backend"
            models: { generator: "{{BackendModel}}" }
          {{(ollama is null ? "" : $"ollama: {{ base_url: \"{ollama.Url}\", models: {{ generator: \"{OllamaPayloads.ChatModel}\" }} }}")}}
        """;

    [Fact]
    public async Task Create_ClaudeCodesBody_ReachesAnthropicByteForByteButTheModel_AndTheAnswerComesBackAsSent()
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        await using var gateway = await TestGateway.StartAsync(Config(anthropic));
        var body = ClaudeCodeBody.Replace("\"claude-sonnet-4-5\"", "\"generator\"", StringComparison.Ordinal);

        using var response = await PostAsync(gateway, body, ("anthropic-beta", "context-management-2025-06-27,oauth-2025-04-20"), ("x-api-key", "client-key"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AnthropicPayloads.Message, await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("x-gateway-ignored"));
        var sent = Assert.Single(anthropic.Requests);
        Assert.Equal(body.Replace("\"generator\"", $"\"{BackendModel}\"", StringComparison.Ordinal), sent.Body);
        Assert.Equal("context-management-2025-06-27,oauth-2025-04-20", sent.Header("anthropic-beta"));
        Assert.Equal("2023-06-01", sent.Header("anthropic-version"));
        Assert.Equal("sk-ant-backend", sent.Header("x-api-key"));
        Assert.Equal(BackendModel, response.Headers.GetValues("x-gateway-model").Single());
        Assert.Equal(AnthropicPayloads.RequestId, response.Headers.GetValues("request-id").Single());
    }

    [Fact]
    public async Task CreateStreaming_EveryUpstreamEventPassesUnchanged_PingsAndMessageStopIncluded()
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        anthropic.Enqueue(StubResponse.Sse(AnthropicPayloads.ToolUseStream).WithHeaders(("request-id", AnthropicPayloads.RequestId), ("anthropic-ratelimit-tokens-remaining", "9000")));
        await using var gateway = await TestGateway.StartAsync(Config(anthropic));

        using var response = await PostAsync(gateway, """{"model":"generator","max_tokens":300,"stream":true,"messages":[{"role":"user","content":"Weather in Paris?"}]}""");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(string.Concat(AnthropicPayloads.ToolUseStream), await response.Content.ReadAsStringAsync());
        Assert.Equal(AnthropicPayloads.RequestId, response.Headers.GetValues("request-id").Single());
        Assert.Equal("9000", response.Headers.GetValues("anthropic-ratelimit-tokens-remaining").Single());
        Assert.True(Assert.Single(anthropic.Requests).Json.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task CreateStreaming_TheSdkReadsTheForwardedStream_AndUsageIsAccounted()
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        anthropic.Enqueue(StubResponse.Sse(AnthropicPayloads.TextStream));
        await using var gateway = await TestGateway.StartAsync(Config(anthropic));

        var text = new StringBuilder();
        await foreach (var streamed in Client(gateway).Messages.CreateStreaming(Request()))
        {
            if (streamed.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var piece))
            {
                text.Append(piece.Text);
            }
        }

        await gateway.Logs.CompletionLinesAsync("/v1/messages");
        Assert.Equal(AnthropicPayloads.TextStreamContent, text.ToString());
        var totals = JsonDocument.Parse(await gateway.Http.GetStringAsync("/usage")).RootElement.GetProperty("totals");
        Assert.Equal((11, 6, 0), (totals.GetProperty("prompt_tokens").GetInt32(), totals.GetProperty("completion_tokens").GetInt32(), totals.GetProperty("estimated_requests").GetInt32()));
    }

    [Fact]
    public async Task CreateStreaming_UpstreamErrorEventMidStream_PassedOnAsSent_NoMessageStop()
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        anthropic.Enqueue(StubResponse.Sse(AnthropicPayloads.TextStreamWithMidStreamError));
        await using var gateway = await TestGateway.StartAsync(Config(anthropic));

        using var response = await PostAsync(gateway, """{"model":"generator","max_tokens":300,"stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(string.Concat(AnthropicPayloads.TextStreamWithMidStreamError), await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<int, string> UpstreamErrors() => new()
    {
        { 529, AnthropicPayloads.OverloadedError },
        { 429, AnthropicPayloads.RateLimitError },
        { 400, """{"type":"error","error":{"type":"invalid_request_error","message":"messages.1.content.0.thinking.signature: Invalid `signature` in `thinking` block"},"request_id":"req_1"}""" },
    };

    [Theory]
    [MemberData(nameof(UpstreamErrors))]
    public async Task Create_UpstreamError_TheClientGetsItsStatusAndBodyAsSent(int status, string error)
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        anthropic.Enqueue(StubResponse.Json(status, error, ("retry-after", "3")));
        await using var gateway = await TestGateway.StartAsync(Config(anthropic));

        using var response = await PostAsync(gateway, """{"model":"generator","max_tokens":30,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(error, await response.Content.ReadAsStringAsync());
        Assert.Equal(status == 400 ? ["false"] : [], response.Headers.TryGetValues("x-should-retry", out var retry) ? retry : []);
        if (status == 429)
        {
            Assert.Equal("3", response.Headers.GetValues("retry-after").Single());
        }
    }

    [Fact]
    public async Task Create_UpstreamOverloaded_TheSdkRaisesItsTypedError()
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        anthropic.Enqueue(AnthropicPayloads.Overloaded());
        await using var gateway = await TestGateway.StartAsync(Config(anthropic));

        var error = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => Client(gateway).Messages.Create(Request()));

        Assert.Contains("Overloaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AnthropicOverloaded_FallbackToOllamaIsTranslatedAndNamesWhatItLeftOut()
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        anthropic.Enqueue(AnthropicPayloads.Overloaded());
        ollama.Enqueue(StubResponse.Json(200, OllamaPayloads.Chat));
        await using var gateway = await TestGateway.StartAsync(Config(anthropic, ollama));

        using var response = await PostAsync(gateway, """{"model":"generator","max_tokens":30,"top_k":3,"messages":[{"role":"user","content":"hi"}]}""");
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OllamaPayloads.ChatContent, message.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("top_k", response.Headers.GetValues("x-gateway-ignored").Single());
        Assert.Equal("ollama", response.Headers.GetValues("x-gateway-backend").Single());
        Assert.StartsWith("req_", response.Headers.GetValues("request-id").Single(), StringComparison.Ordinal);
        Assert.Equal("hi", Assert.Single(ollama.Requests).Json.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    private const string DocumentAndServerTool = """
        {"model":"generator","max_tokens":200,"tools":[{"type":"web_search_20250305","name":"web_search","max_uses":2}],
         "messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"The grass is green."},"citations":{"enabled":true}},{"type":"text","text":"What colour is the grass?"}]}]}
        """;

    [Fact]
    public async Task Create_DocumentAndServerTool_AnthropicGetsThemAsSent()
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        await using var gateway = await TestGateway.StartAsync(Config(anthropic));

        using var response = await PostAsync(gateway, DocumentAndServerTool);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DocumentAndServerTool.Replace("\"generator\"", $"\"{BackendModel}\"", StringComparison.Ordinal), Assert.Single(anthropic.Requests).Body);
    }

    [Fact]
    public async Task Create_DocumentWhileAnthropicIsOverloaded_NoFallbackCanCarryIt_TheClientHearsTheUpstream()
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        anthropic.Enqueue(AnthropicPayloads.Overloaded());
        await using var gateway = await TestGateway.StartAsync(Config(anthropic, ollama));

        using var response = await PostAsync(gateway, DocumentAndServerTool);

        Assert.Equal(529, (int)response.StatusCode);
        Assert.Equal(AnthropicPayloads.OverloadedError, await response.Content.ReadAsStringAsync());
        Assert.Empty(ollama.Requests);
    }

    private static MessageCreateParams Request() => new()
    {
        Model = "generator",
        MaxTokens = 100,
        Messages = [new MessageParam(new UserMessageParam { Content = "Say hello" })],
    };

    private static AnthropicClient Client(TestGateway gateway) => new() { ApiKey = "client-key", BaseUrl = gateway.Url, MaxRetries = 0 };

    private static Task<HttpResponseMessage> PostAsync(TestGateway gateway, string body, params (string Name, string Value)[] headers) =>
        AnthropicHttp.PostAsync(gateway, "/v1/messages?beta=true", body, headers);
}
