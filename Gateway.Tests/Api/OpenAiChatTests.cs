using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Api;

public sealed class OpenAiChatTests
{
    private static string Config(StubUpstream openai, string extra = "") => $$"""
        llm:
          backend: openai
          global_defaults:
            temperature: 0.7
            max_tokens: 512
          openai:
            base_url: "{{openai.Url}}/v1"
            api_key: "sk-upstream-secret"
            organization: "org-123"
            models:
              generator: "gpt-4o-mini"
              triage: "gpt-3.5-turbo"
        {{extra}}
        """;

    [Fact]
    public async Task CompleteChat_ModelKey_ServedByOpenAiWithMappedModelAndGatewayCredentials()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.StartAsync(Config(openai));

        var result = await gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("Hello!")]);

        Assert.Equal("Hello! How can I assist you today?", result.Value.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, result.Value.FinishReason);
        var headers = result.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-gateway-backend", out var backend) && backend == "openai");
        Assert.True(headers.TryGetValue("x-gateway-model", out var model) && model == "gpt-4o-mini");
        Assert.True(headers.TryGetValue("x-gateway-attempts", out var attempts) && attempts == "1");

        var upstream = Assert.Single(openai.Requests);
        Assert.Equal("/v1/chat/completions", upstream.Path);
        Assert.Equal("Bearer sk-upstream-secret", upstream.Header("Authorization"));
        Assert.Equal("org-123", upstream.Header("OpenAI-Organization"));
        using var body = JsonDocument.Parse(upstream.Body);
        Assert.Equal("gpt-4o-mini", body.RootElement.GetProperty("model").GetString());
        Assert.Equal("Hello!", body.RootElement.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task CompleteChat_RawBody_UnknownFieldsReachUpstreamUntouchedAndDefaultsFillTheGaps()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.StartAsync(Config(openai));
        const string request = """
            {"model":"triage","messages":[{"role":"user","content":"hi"}],"logit_bias":{"50256":-100},"user":"u-1","vendor_extension":{"nested":[1,2,{"x":null}]}}
            """;

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", new StringContent(request, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(Assert.Single(openai.Requests).Body);
        var root = body.RootElement;
        Assert.Equal("gpt-3.5-turbo", root.GetProperty("model").GetString());
        Assert.Equal("""{"50256":-100}""", root.GetProperty("logit_bias").GetRawText());
        Assert.Equal("u-1", root.GetProperty("user").GetString());
        Assert.Equal("""{"nested":[1,2,{"x":null}]}""", root.GetProperty("vendor_extension").GetRawText());
        Assert.Equal(0.7, root.GetProperty("temperature").GetDouble());
        Assert.Equal(512, root.GetProperty("max_completion_tokens").GetInt32());
    }

    [Fact]
    public async Task CompleteChat_ClientSetsTemperature_ClientValueWins()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.StartAsync(Config(openai));

        await gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions { Temperature = 0.1f, MaxOutputTokenCount = 7 });

        using var body = JsonDocument.Parse(Assert.Single(openai.Requests).Body);
        Assert.Equal(0.1, body.RootElement.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(7, body.RootElement.GetProperty("max_completion_tokens").GetInt32());
    }

    [Fact]
    public async Task CompleteChatStreaming_OpenAi_TokensArriveInOrderWithUsage()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.Enqueue(StubResponse.Sse(OpenAiStream("Hello", " there", "!")));
        await using var gateway = await TestGateway.StartAsync(Config(openai));

        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in gateway.Chat("generator").CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal("Hello there!", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(14, usage.InputTokenCount);
        Assert.Equal(3, usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChat_LmStudioWithoutToken_SendsNoAuthorization()
    {
        await using var lmstudio = await StubUpstream.StartAsync(UpstreamKind.LMStudio);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: lmstudio
              lmstudio:
                base_url: "{{lmstudio.Url}}/v1"
                models:
                  generator: "local-model"
            """);

        var result = await gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.False(string.IsNullOrEmpty(result.Value.Content[0].Text));
        var upstream = Assert.Single(lmstudio.Requests);
        Assert.Null(upstream.Header("Authorization"));
        using var body = JsonDocument.Parse(upstream.Body);
        Assert.Equal("local-model", body.RootElement.GetProperty("model").GetString());
    }

    /// <summary>An OpenAI stream in the shape of the real captures: role chunk, content chunks, finish chunk, usage chunk, [DONE].</summary>
    internal static IEnumerable<string> OpenAiStream(params string[] parts)
    {
        const string head = """{"id":"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[""";
        yield return "data: " + head + """{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}""" + "\n\n";
        foreach (var part in parts)
        {
            yield return "data: " + head + """{"index":0,"delta":{"content":""" + JsonSerializer.Serialize(part) + """},"logprobs":null,"finish_reason":null}]}""" + "\n\n";
        }

        yield return "data: " + head + """{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}""" + "\n\n";
        yield return "data: " + head + """],"usage":{"prompt_tokens":14,"completion_tokens":""" + parts.Length + ""","total_tokens":""" + (14 + parts.Length) + "}}\n\n";
        yield return "data: [DONE]\n\n";
    }
}
