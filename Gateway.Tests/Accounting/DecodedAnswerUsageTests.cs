using System.Net;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Tools;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Accounting;

/// <summary>
/// An upstream that reports no usage: its completion tokens are estimated from the generated text the adapter decoded, whole or
/// streamed, and marked as estimated, whatever shape the gateway's own answer to the client takes.
/// </summary>
public sealed class DecodedAnswerUsageTests
{
    private const string OllamaAnswerText = "Bonjour à tous, et bienvenue !";

    /// <summary>A whole Ollama answer without <c>prompt_eval_count</c> or <c>eval_count</c>.</summary>
    private const string OllamaAnswerWithoutCounts = $$"""
        {"model":"mistral-nemo","created_at":"2025-07-07T20:32:53Z","message":{"role":"assistant","content":"{{OllamaAnswerText}}"},"done_reason":"stop","done":true}
        """;

    private static long Tokens(int characters) => (characters + 3) / 4;

    [Fact]
    public async Task Usage_WholeOllamaAnswerWithoutCounts_CompletionEstimatedFromTheDecodedText()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(200, OllamaAnswerWithoutCounts));
        await using var gateway = await TestGateway.For($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
            """).LogAt(LogLevel.Information).StartAsync();

        using var response = await gateway.Http.PostAsync("/v1/chat/completions",
            Gateway.Tests.Api.OllamaChatTests.Json("""{"model":"llama3","messages":[{"role":"user","content":"Say hello in French"}]}"""));
        await gateway.Logs.CompletionLinesAsync("/v1/chat/completions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("x-gateway-usage-estimated")));
        var totals = (await UsageAsync(gateway)).GetProperty("totals");
        Assert.Equal(Tokens(OllamaAnswerText.Length), totals.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(1, totals.GetProperty("estimated_requests").GetInt64());
    }

    [Fact]
    public async Task Usage_StreamFromAnOpenAiCompatibleServerWithoutUsage_CompletionEstimatedFromTheForwardedChunks()
    {
        await using var lmstudio = await StubUpstream.StartAsync(UpstreamKind.LMStudio);
        lmstudio.Enqueue(StubResponse.Sse(LmStudioPayloads.TextStreamWithoutUsage));
        await using var gateway = await TestGateway.For($$"""
            llm:
              backend: lmstudio
              lmstudio:
                base_url: "{{lmstudio.Url}}/v1"
                models:
                  generator: "{{LmStudioPayloads.ChatModel}}"
            """).LogAt(LogLevel.Information).StartAsync();

        using var response = await gateway.Http.PostAsync("/v1/chat/completions",
            Gateway.Tests.Api.OllamaChatTests.Json("""{"model":"generator","stream":true,"messages":[{"role":"user","content":"Introduce yourself in rhyme"}]}"""));
        var text = await response.Content.ReadAsStringAsync();
        await gateway.Logs.CompletionLinesAsync("/v1/chat/completions");

        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        var totals = (await UsageAsync(gateway)).GetProperty("totals");
        Assert.Equal(Tokens(LmStudioPayloads.ChatContent.Length), totals.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(1, totals.GetProperty("estimated_requests").GetInt64());
    }

    /// <summary>
    /// A tool's result carries the answer under <c>output</c>, not in a chat completion's shape: counting the gateway's own output bytes
    /// found no generated text there, the decoded answer does.
    /// </summary>
    [Fact]
    public async Task Usage_ToolInvocationWithoutUsage_CompletionEstimatedFromTheAnswerNotFromTheToolResult()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(200, OllamaAnswerWithoutCounts));
        await using var gateway = await TestGateway.For(ToolsEndpointTests.Translator(ollama.Url)).LogAt(LogLevel.Information).StartAsync();

        using var response = await ToolsEndpointTests.Post(gateway, "/tools/translator/invoke", """{"input":"Hello everyone, and welcome!","variables":{"language":"French"}}""");
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        await gateway.Logs.CompletionLinesAsync("/tools/translator/invoke");

        Assert.Equal(OllamaAnswerText, result.RootElement.GetProperty("output").GetString());
        var tool = (await UsageAsync(gateway)).GetProperty("by_tool").GetProperty("translator");
        Assert.Equal(Tokens(OllamaAnswerText.Length), tool.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(1, tool.GetProperty("estimated_requests").GetInt64());
    }

    private static async Task<JsonElement> UsageAsync(TestGateway gateway)
    {
        using var document = JsonDocument.Parse(await gateway.Http.GetStringAsync("/usage"));
        return document.RootElement.Clone();
    }
}
