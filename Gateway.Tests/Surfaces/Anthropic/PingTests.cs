using System.Text;
using Gateway.Surfaces.Anthropic;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Surfaces.Anthropic;

/// <summary>
/// A translated Messages stream whose upstream falls silent gets Anthropic's <c>ping</c> every <see cref="AnthropicStreamEncoder.PingAfter"/>,
/// as Anthropic's own streams do, so clients and proxies that give up on silence keep waiting; on fake time.
/// </summary>
public sealed class PingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Stream_UpstreamSilentAfterItsFirstEvent_PingsUntilTheRestArrives()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Custom(async context =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync(OllamaPayloads.ChatStream[0] + "\n");
            await context.Response.Body.FlushAsync();
            await release.Task.WaitAsync(Patience);
            await context.Response.WriteAsync(OllamaPayloads.ChatStream[1] + "\n");
        }));
        await using var gateway = await TestGateway.For($$"""
            llm:
              backend: ollama
              global_defaults: { max_retries: 0, stream_idle_timeout_seconds: 600 }
              ollama: { base_url: "{{ollama.Url}}", models: { generator: "{{OllamaPayloads.ChatModel}}" } }
            """).WithFakeTime().StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"model":"generator","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        using var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var before = await reader.ReadThroughAsync("text_delta");

        var ping = reader.ReadThroughAsync("event: ping");
        for (var turns = 0; !ping.IsCompleted; turns++)
        {
            Assert.True(turns < 100, "no ping came while the upstream was silent");
            gateway.Clock.Advance(AnthropicStreamEncoder.PingAfter);
            await Task.WhenAny(ping, Task.Delay(50));
        }

        var pinged = await ping;
        release.SetResult();
        var rest = await reader.ReadToEndAsync().WaitAsync(Patience);

        Assert.DoesNotContain("ping", before, StringComparison.Ordinal);
        Assert.Contains("data: {\"type\":\"ping\"}", pinged + rest, StringComparison.Ordinal);
        Assert.Contains("event: message_stop", rest, StringComparison.Ordinal);
        Assert.DoesNotContain("event: error", rest, StringComparison.Ordinal);
    }
}
