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
/// What Claude Code sends through the running gateway: its fixed model ids mapped by <c>llm.model_aliases</c> on every chat surface
/// (and again after a reload), an unmapped Claude id answered 404 instead of reaching the default backend, and the warm-up probe.
/// </summary>
public sealed class ClaudeCodeAliasTests
{
    private const string Key = "gw-key-0123456789abcdef";

    private static string Config(string ollamaUrl, string sonnetTarget = "generator", string server = "") => $$"""
        {{server}}
        llm:
          backend: ollama
          global_defaults: { max_retries: 0 }
          ollama:
            base_url: "{{ollamaUrl}}"
            models: { generator: "{{OllamaPayloads.ChatModel}}", fast: "gemma3:1b" }
          model_aliases:
            "claude-sonnet-*": "{{sonnetTarget}}"
            "claude-haiku-*": "ollama/fast"
        """;

    [Theory]
    [InlineData("claude-sonnet-4-5", OllamaPayloads.ChatModel)]
    [InlineData("claude-sonnet-4-6", OllamaPayloads.ChatModel)]
    [InlineData("claude-haiku-4-5-20251001", "gemma3:1b")]
    public async Task Messages_ClaudeCodesIds_ServedByTheAliasTarget(string model, string served)
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(200, OllamaPayloads.Chat));
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PostAsync(gateway, "/v1/messages?beta=true", $$"""{"model":"{{model}}","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(served, Assert.Single(ollama.Requests).JsonString("model"));
        Assert.Equal(served, Assert.Single(response.Headers.GetValues("x-gateway-model")));
        Assert.Equal("ollama", Assert.Single(response.Headers.GetValues("x-gateway-backend")));
    }

    [Fact]
    public async Task ChatCompletions_AliasedId_AliasesApplyOnEveryChatSurface()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(200, OllamaPayloads.Chat));
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PostAsync(gateway, "/v1/chat/completions", """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gemma3:1b", Assert.Single(ollama.Requests).JsonString("model"));
    }

    [Fact]
    public async Task Messages_UnmappedClaudeIdWithoutAnthropic_NotFoundAndNothingSentUpstream()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PostAsync(gateway, "/v1/messages?beta=true", """{"model":"claude-opus-4-1","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}""");
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        var sdk = await Assert.ThrowsAsync<AnthropicNotFoundException>(() => Client(gateway).Messages.Create(new MessageCreateParams
        {
            Model = "claude-fable-5",
            MaxTokens = 64,
            Messages = [new UserMessageParam { Content = "hi" }],
        }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found_error", error.GetProperty("type").GetString());
        Assert.Contains("'claude-opus-4-1'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("llm.model_aliases", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("llm.model_aliases", sdk.Message, StringComparison.Ordinal);
        Assert.Empty(ollama.Requests);
    }

    [Fact]
    public async Task ConfigEdit_AliasTargetChanged_TheNextRequestFollowsIt()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(200, OllamaPayloads.Chat));
        ollama.Enqueue(StubResponse.Json(200, OllamaPayloads.Chat));
        await using var gateway = await TestGateway.For(Config(ollama.Url)).WithFakeTime().StartAsync();
        const string body = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}""";

        using var before = await PostAsync(gateway, "/v1/messages", body);
        await gateway.EditConfigAsync(Config(ollama.Url, sonnetTarget: "ollama/qwen3:32b"));
        using var after = await PostAsync(gateway, "/v1/messages", body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (before.StatusCode, after.StatusCode));
        Assert.Equal([OllamaPayloads.ChatModel, "qwen3:32b"], ollama.Requests.Select(r => r.JsonString("model")));
    }

    [Fact]
    public async Task ConfigEdit_BadAliasTarget_RejectedAndTheOldAliasesKeepServing()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(200, OllamaPayloads.Chat));
        await using var gateway = await TestGateway.For(Config(ollama.Url)).WithFakeTime().StartAsync();

        await gateway.EditConfigAsync(Config(ollama.Url, sonnetTarget: "azure/gpt-4o"));
        using var response = await PostAsync(gateway, "/v1/messages", """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Contains(gateway.Logs.Lines, line => line.Contains("llm.model_aliases", StringComparison.Ordinal) && line.Contains("llm.azure", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OllamaPayloads.ChatModel, Assert.Single(ollama.Requests).JsonString("model"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/hello")]
    public async Task WarmUpProbe_Head_200WithNoBodyAndNoKeyNeededNorRateLimited(string path)
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var server = $"server:\n  api_keys: [\"{Key}\"]\n  rate_limit: {{ requests_per_minute: 1 }}";
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url, server: server));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
            statuses.Add(response.StatusCode);
        }

        using var get = await gateway.Http.GetAsync(path);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Empty(ollama.Requests);
    }

    private static AnthropicClient Client(TestGateway gateway) => new() { ApiKey = "client-key-not-forwarded", BaseUrl = gateway.Url, MaxRetries = 0 };

    private static Task<HttpResponseMessage> PostAsync(TestGateway gateway, string path, string body) => AnthropicHttp.PostAsync(gateway, path, body);
}
