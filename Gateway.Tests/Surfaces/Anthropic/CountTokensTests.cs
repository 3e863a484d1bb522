using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Gateway.Backends;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Beta = Anthropic.Models.Beta.Messages;

namespace Gateway.Tests.Surfaces.Anthropic;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c>: the prompt routed as <c>/v1/messages</c> would route it (aliases included) and counted by the
/// gateway's estimator for the model that would serve it; no backend is asked. The official SDK reads the answer; errors are Anthropic's.
/// </summary>
public sealed class CountTokensTests
{
    private const string Key = "gw-key-0123456789abcdef";

    private static string Config(string ollamaUrl, string server = "") => $$"""
        {{server}}
        llm:
          backend: ollama
          ollama:
            base_url: "{{ollamaUrl}}"
            models: { generator: "{{OllamaPayloads.ChatModel}}" }
          openai:
            base_url: "{{ollamaUrl}}/v1"
            api_key: "sk-test"
          model_aliases:
            "claude-sonnet-*": generator
            "claude-opus-*": "openai/gpt-4o"
        """;

    /// <summary>The heuristic's count: 3 per prompt, 3 per message, a token per four characters of text, rounded up.</summary>
    private static int Heuristic(params string[] texts) => 3 + texts.Sum(text => 3 + ((text.Length + 3) / 4));

    [Fact]
    public async Task CountTokens_OfficialSdk_AliasedIdCountedForTheModelThatWouldServeIt()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        var count = await Client(gateway).Messages.CountTokens(new MessageCountTokensParams
        {
            Model = "claude-sonnet-4-5",
            System = "You are a scientist",
            Messages = [new UserMessageParam { Content = "Hello, Claude" }],
        });

        Assert.Equal(Heuristic("You are a scientist", "Hello, Claude"), count.InputTokens);
        Assert.Empty(ollama.Requests);
    }

    [Fact]
    public async Task CountTokens_AliasToAnOpenAiModel_CountedWithItsTokenizerAndNamedInTheHeaders()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PostAsync(gateway, """{"model":"claude-opus-4-1","system":"You are a scientist","messages":[{"role":"user","content":"Hello, Claude"}]}""");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var tokenizer = TokenEstimator.TokenizerFor("gpt-4o")!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3 + 3 + tokenizer.CountTokens("You are a scientist") + 3 + tokenizer.CountTokens("Hello, Claude"), body.GetProperty("input_tokens").GetInt32());
        Assert.Equal(["input_tokens"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("openai", Assert.Single(response.Headers.GetValues("x-gateway-backend")));
        Assert.Equal("gpt-4o", Assert.Single(response.Headers.GetValues("x-gateway-model")));
        Assert.Equal("0", Assert.Single(response.Headers.GetValues("x-gateway-attempts")));
        Assert.True(response.Headers.Contains("x-gateway-config-version"));
        Assert.True(response.Headers.Contains("x-gateway-overhead-ms"));
        Assert.Empty(ollama.Requests);
    }

    [Fact]
    public async Task CountTokens_ToolsAndThinking_ToolsCountThinkingIsIgnored()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));
        const string messages = """ "messages":[{"role":"user","content":"Weather in Tokyo?"}] """;
        const string tools = """ "tools":[{"name":"get_weather","description":"Weather by city","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],"tool_choice":{"type":"auto"} """;

        var bare = await CountAsync(gateway, $$"""{"model":"generator",{{messages}}}""");
        var withTools = await CountAsync(gateway, $$"""{"model":"generator",{{messages}},{{tools}}}""");
        var withThinking = await CountAsync(gateway, $$"""{"model":"generator","thinking":{"type":"adaptive"},{{messages}}}""");

        Assert.Equal(Heuristic("Weather in Tokyo?"), bare);
        Assert.True(withTools > bare + 10, $"{withTools} tokens with tools, {bare} without");
        Assert.Equal(bare, withThinking);
    }

    [Fact]
    public async Task CountTokens_BetaClient_MatchesOnThePathDespiteTheQuery()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        var count = await Client(gateway).Beta.Messages.CountTokens(new Beta::MessageCountTokensParams
        {
            Model = "claude-sonnet-4-6",
            Messages = [new Beta::BetaUserMessageParam { Content = "Hello, Claude" }],
        });

        Assert.Equal(Heuristic("Hello, Claude"), count.InputTokens);
    }

    [Theory]
    [InlineData("""{"model":""", 400, "invalid_request_error", "JSON")]
    [InlineData("""[1,2]""", 400, "invalid_request_error", "JSON object")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error", "model: Field required")]
    [InlineData("""{"model":"generator"}""", 400, "invalid_request_error", "messages: Field required")]
    [InlineData("""{"model":"generator","messages":"hi"}""", 400, "invalid_request_error", "messages")]
    [InlineData("""{"model":"generator","max_tokens":"many","messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error", "max_tokens")]
    [InlineData("""{"model":"generator","system":7,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error", "system")]
    [InlineData("""{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"hi"}]}""", 404, "not_found_error", "llm.model_aliases")]
    [InlineData("""{"model":"azure/gpt-4o","messages":[{"role":"user","content":"hi"}]}""", 404, "not_found_error", "llm.azure")]
    public async Task CountTokens_BadRequest_AnthropicsErrorShapeNever500(string body, int status, string type, string message)
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PostAsync(gateway, body);

        await AnthropicHttp.AssertErrorAsync(response, status, type, message);
        Assert.Empty(ollama.Requests);
    }

    [Fact]
    public async Task CountTokens_UnknownClaudeId_SdkRaisesNotFound()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        await Assert.ThrowsAsync<AnthropicNotFoundException>(() => Client(gateway).Messages.CountTokens(new MessageCountTokensParams
        {
            Model = "claude-fable-5",
            Messages = [new UserMessageParam { Content = "hi" }],
        }));
    }

    [Fact]
    public async Task CountTokens_GatewayKeys_CheckedAsOnEveryV1Route()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url, $"server:\n  api_keys: [\"{Key}\"]"));
        const string body = """{"model":"generator","messages":[{"role":"user","content":"hi"}]}""";

        using var without = await PostAsync(gateway, body);
        using var withApiKey = await PostAsync(gateway, body, ("x-api-key", Key));
        using var withBearer = await PostAsync(gateway, body, ("Authorization", $"Bearer {Key}"));

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal("authentication_error", JsonDocument.Parse(await without.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (withApiKey.StatusCode, withBearer.StatusCode));
        Assert.Equal(Heuristic("hi"), (await Client(gateway, Key).Messages.CountTokens(new MessageCountTokensParams
        {
            Model = "generator",
            Messages = [new UserMessageParam { Content = "hi" }],
        })).InputTokens);
    }

    [Fact]
    public async Task CountTokens_RateLimit_CountsAgainstTheKeyLikeAnyV1Request()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url, "server:\n  rate_limit: { requests_per_minute: 1 }"));
        const string body = """{"model":"generator","messages":[{"role":"user","content":"hi"}]}""";

        using var first = await PostAsync(gateway, body);
        using var second = await PostAsync(gateway, body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.TooManyRequests), (first.StatusCode, second.StatusCode));
        Assert.Equal("rate_limit_error", JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.True(second.Headers.Contains("retry-after"));
    }

    [Fact]
    public async Task CountTokens_WrongMethod_405InAnthropicsShape()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await gateway.Http.GetAsync("/v1/messages/count_tokens?beta=true");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
        Assert.Equal("invalid_request_error", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    private static AnthropicClient Client(TestGateway gateway, string key = "client-key-not-forwarded") => new(new ClientOptions
    {
        BaseUrl = gateway.Url,
        ApiKey = key,
        ResponseValidation = true,
        MaxRetries = 0,
        Timeout = TimeSpan.FromSeconds(30),
    });

    private static async Task<int> CountAsync(TestGateway gateway, string body)
    {
        using var response = await PostAsync(gateway, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("input_tokens").GetInt32();
    }

    private static Task<HttpResponseMessage> PostAsync(TestGateway gateway, string body, params (string Name, string Value)[] headers) =>
        AnthropicHttp.PostAsync(gateway, "/v1/messages/count_tokens?beta=true", body, headers);
}
