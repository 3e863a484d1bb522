using System.Text;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Api;

public sealed class OllamaChatTests
{
    private static string Config(StubUpstream ollama) => $$"""
        llm:
          backend: ollama
          global_defaults:
            temperature: 0.3
            max_tokens: 256
          ollama:
            base_url: "{{ollama.Url}}"
            models:
              generator: "llama3.2"
            context_windows:
              "llama3.2": 8192
        """;

    [Fact]
    public async Task CompleteChat_Ollama_TranslatedToNativeChatWithContextWindowAndDefaults()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama));

        var result = await gateway.Chat("generator").CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("why is the sky blue?")]);

        Assert.Equal("Hello! How are you today?", result.Value.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, result.Value.FinishReason);
        Assert.Equal(26, result.Value.Usage.InputTokenCount);
        Assert.Equal(298, result.Value.Usage.OutputTokenCount);

        var upstream = Assert.Single(ollama.Requests);
        Assert.Equal("/api/chat", upstream.Path);
        using var body = JsonDocument.Parse(upstream.Body);
        var root = body.RootElement;
        Assert.Equal("llama3.2", root.GetProperty("model").GetString());
        Assert.False(root.GetProperty("stream").GetBoolean());
        Assert.Equal("system", root.GetProperty("messages")[0].GetProperty("role").GetString());
        var options = root.GetProperty("options");
        Assert.Equal(8192, options.GetProperty("num_ctx").GetInt32());
        Assert.Equal(256, options.GetProperty("num_predict").GetInt32());
        Assert.Equal(0.3, options.GetProperty("temperature").GetDouble(), 3);
    }

    [Fact]
    public async Task CompleteChatStreaming_Ollama_NdjsonLinesBecomeOpenAiChunks()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Ndjson(
        [
            """{"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":{"role":"assistant","content":"The"},"done":false}""",
            """{"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":{"role":"assistant","content":" sky"},"done":false}""",
            """{"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":4883583458,"load_duration":1334875,"prompt_eval_count":26,"prompt_eval_duration":342546000,"eval_count":282,"eval_duration":4535599000}""",
        ]));
        await using var gateway = await TestGateway.StartAsync(Config(ollama));

        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in gateway.Chat("generator").CompleteChatStreamingAsync([new UserChatMessage("why is the sky blue?")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal("The sky", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(282, usage.OutputTokenCount);
        using var body = JsonDocument.Parse(Assert.Single(ollama.Requests).Body);
        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task CompleteChat_OllamaSchedulerSaysTryPulling_Returns404WithThePullCommand()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(404, """{"error":"model \"qwen2.5:0.5b\" not found, try pulling it first"}"""));
        await using var gateway = await TestGateway.StartAsync(Config(ollama));

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Json("""{"model":"qwen2.5:0.5b","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(404, (int)response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("run `ollama pull qwen2.5:0.5b`", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChat_OllamaModelMissing_Returns404ThatSaysWhatToPullAndHowToListModels()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(404, """{"error":"model 'llama9' not found"}"""));
        await using var gateway = await TestGateway.StartAsync(Config(ollama));

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Json("""{"model":"llama9","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(404, (int)response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = error.RootElement.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("model 'llama9' not found", message, StringComparison.Ordinal);
        Assert.Contains("run `ollama pull llama9`", message, StringComparison.Ordinal);
        Assert.Contains("GET /v1/models", message, StringComparison.Ordinal);
        Assert.Equal("model_not_found", error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    internal static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
