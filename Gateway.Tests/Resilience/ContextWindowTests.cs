using System.Text;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Resilience;

/// <summary>Context-window fallback end to end: too-small candidates are skipped, truncation is announced, an upstream's own refusal falls back.</summary>
public sealed class ContextWindowTests
{
    private static string Config(StubUpstream openai, StubUpstream ollama, bool truncate, int ollamaWindow) => $$"""
        llm:
          backend: ollama
          fallback_backends: ["openai"]
          global_defaults:
            truncate_prompts: {{(truncate ? "true" : "false")}}
          ollama:
            base_url: "{{ollama.Url}}"
            models: { generator: "llama3" }
            context_windows: { llama3: {{ollamaWindow}} }
          openai:
            base_url: "{{openai.Url}}/v1"
            api_key: "sk-test"
            models: { generator: "gpt-4" }
            context_windows: { gpt-4: 8192 }
        """;

    private static StringContent Body(bool stream, params string[] userTurns)
    {
        var messages = userTurns.Select(text => new { role = "user", content = text });
        return new StringContent(JsonSerializer.Serialize(new { model = "generator", stream, messages }), Encoding.UTF8, "application/json");
    }

    private static string Words(int count) => string.Join(' ', Enumerable.Repeat("word", count));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_PromptLargerThanPrimaryWindow_FallbackWithLargerWindowAnswers(bool stream)
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(openai, ollama, truncate: false, ollamaWindow: 1000));

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Body(stream, Words(2000)));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("openai", response.Headers.GetValues("x-gateway-backend").Single());
        Assert.Equal("1", response.Headers.GetValues("x-gateway-attempts").Single());
        Assert.Empty(ollama.Requests);
        Assert.Single(openai.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_PromptFitsNowhere_400ContextLengthExceededAndNoUpstreamCalled(bool stream)
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(openai, ollama, truncate: false, ollamaWindow: 1000));

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Body(stream, Words(20_000)));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
        Assert.Contains("ollama llama3 1000, openai gpt-4 8192", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(ollama.Requests);
        Assert.Empty(openai.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_PromptFitsNowhereWithTruncation_OldestTurnsDroppedThePrimaryTakesTheRestAndHeaderSaysSo(bool stream)
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(openai, ollama, truncate: true, ollamaWindow: 1000));

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Body(stream, Words(9000), Words(500), "the question"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("dropped 1 of 3 messages", response.Headers.GetValues("x-gateway-truncated").Single(), StringComparison.Ordinal);
        Assert.Equal("ollama", response.Headers.GetValues("x-gateway-backend").Single());
        var sent = Assert.Single(ollama.Requests).Json.GetProperty("messages");
        Assert.Equal(2, sent.GetArrayLength());
        Assert.Equal("the question", sent[1].GetProperty("content").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_UpstreamSaysContextLengthExceeded_NextCandidateIsTried(bool stream)
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(400, """{"error":"prompt is too long for the context window"}"""));
        await using var gateway = await TestGateway.StartAsync(Config(openai, ollama, truncate: false, ollamaWindow: 100_000));

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Body(stream, "hi"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("openai", response.Headers.GetValues("x-gateway-backend").Single());
        Assert.Equal("2", response.Headers.GetValues("x-gateway-attempts").Single());
    }
}
