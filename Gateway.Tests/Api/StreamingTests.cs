using System.Net;
using Gateway.Tests.Harness;
using Microsoft.AspNetCore.Http;
using System.Text;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Api;

public sealed class StreamingTests
{
    private static string Config(StubUpstream openai) => $$"""
        llm:
          backend: openai
          openai:
            base_url: "{{openai.Url}}/v1"
            api_key: "sk-test"
        """;

    [Fact]
    public async Task Stream_UpstreamHoldsBackTheRest_ClientAlreadyHasTheFirstChunk()
    {
        var events = OpenAiChatTests.OpenAiStream("first", "second").ToList();
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.Enqueue(StubResponse.Custom(async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(events[0] + events[1]);
            await context.Response.Body.FlushAsync();
            await released.Task.WaitAsync(TimeSpan.FromSeconds(30));
            foreach (var rest in events.Skip(2))
            {
                await context.Response.WriteAsync(rest);
            }
        }));
        await using var gateway = await TestGateway.StartAsync(Config(openai));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = OllamaChatTests.Json("""{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}"""),
        };
        using var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var seen = new StringBuilder();
        while (!seen.ToString().Contains("\"first\"", StringComparison.Ordinal))
        {
            var line = await reader.ReadLineAsync(patience.Token);
            Assert.NotNull(line);
            seen.AppendLine(line);
        }

        Assert.DoesNotContain("second", seen.ToString(), StringComparison.Ordinal);
        released.SetResult();
        var rest = await reader.ReadToEndAsync(patience.Token);
        Assert.Contains("\"second\"", rest, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_UpstreamCutAfterFirstEvents_ClientGetsErrorEventAndNoDone()
    {
        var events = OpenAiChatTests.OpenAiStream("partial", "never").Take(2);
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.Enqueue(StubResponse.Sse(events, cutAfter: true));
        await using var gateway = await TestGateway.StartAsync(Config(openai));

        using var response = await gateway.Http.PostAsync("/v1/chat/completions",
            OllamaChatTests.Json("""{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"partial\"", body, StringComparison.Ordinal);
        Assert.Contains("data: {\"error\":{", body, StringComparison.Ordinal);
        Assert.DoesNotContain("data: [DONE]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_IncludeUsageNotAsked_OllamaAnswerHasNoUsageChunk()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
            """);

        using var response = await gateway.Http.PostAsync("/v1/chat/completions",
            OllamaChatTests.Json("""{"model":"llama3.2","stream":true,"messages":[{"role":"user","content":"hi"}]}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains("\"role\":\"assistant\"", body, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"stop\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"usage\"", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
    }
}
