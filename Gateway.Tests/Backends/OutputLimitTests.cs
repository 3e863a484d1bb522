using System.Net;
using System.Text;
using Gateway.Tests.Harness;
using Gateway.Tests.Surfaces.Anthropic;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Backends;

/// <summary>
/// <c>max_output_tokens</c>: a token limit above what a model may generate is lowered to it for the backend that serves it, on real
/// loopback stand-ins; a limit within it, and a body an Anthropic backend receives as sent, are left alone.
/// </summary>
public sealed class OutputLimitTests
{
    [Theory]
    [InlineData(32000, 16384)]
    [InlineData(1000, 1000)]
    public async Task Messages_OverOpenAi_MaxTokensAboveTheModelsLimit_Lowered(int asked, int sent)
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: openai
              global_defaults: { max_retries: 0 }
              openai:
                base_url: "{{openai.Url}}/v1"
                api_key: "sk-test"
                models: { generator: "gpt-4o" }
                max_output_tokens: { "gpt-4o": 16384 }
            """);

        using var response = await PostAsync(gateway, "/v1/messages", $$"""{"model":"generator","max_tokens":{{asked}},"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = Assert.Single(openai.Requests).Json;
        var limit = body.TryGetProperty("max_completion_tokens", out var completion) ? completion : body.GetProperty("max_tokens");
        Assert.Equal(sent, limit.GetInt32());
    }

    [Fact]
    public async Task ChatCompletions_OverOllama_MaxTokensAboveTheModelsLimit_NumPredictLowered()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: ollama
              global_defaults: { max_retries: 0 }
              ollama:
                base_url: "{{ollama.Url}}"
                models: { generator: "{{OllamaPayloads.ChatModel}}" }
                max_output_tokens: { "{{OllamaPayloads.ChatModel}}": 2048 }
            """);

        using var response = await PostAsync(gateway, "/v1/chat/completions", """{"model":"generator","max_tokens":50000,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2048, Assert.Single(ollama.Requests).Json.GetProperty("options").GetProperty("num_predict").GetInt32());
    }

    [Fact]
    public async Task Messages_ToAnthropic_TheBodyGoesAsSent()
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: anthropic
              global_defaults: { max_retries: 0 }
              anthropic:
                base_url: "{{anthropic.Url}}"
                api_key: "sk-ant-test"
                models: { generator: "claude-sonnet-4-20250514" }
                max_output_tokens: { "claude-sonnet-4-20250514": 64000 }
            """);

        using var response = await PostAsync(gateway, "/v1/messages", """{"model":"generator","max_tokens":128000,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(128000, Assert.Single(anthropic.Requests).Json.GetProperty("max_tokens").GetInt32());
    }

    private static Task<HttpResponseMessage> PostAsync(TestGateway gateway, string path, string body) => AnthropicHttp.PostAsync(gateway, path, body);
}
