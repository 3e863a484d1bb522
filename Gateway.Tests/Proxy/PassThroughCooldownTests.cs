using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Proxy;

/// <summary>The pass-through and chat share one health per endpoint: each skips what the other found failing, and each reports what it saw.</summary>
public sealed class PassThroughCooldownTests
{
    private static string Config(params string[] urls) => $$"""
        llm:
          resilience: { failures_before_cooldown: 1, cooldown_seconds: 60 }
          ollama:
            base_url: "{{urls[0]}}"
            models: { generator: llama3.2 }
            max_retries: 0
            endpoints: { generator: [{{string.Join(", ", urls.Select(url => $"\"{url}\""))}}] }
        """;

    [Fact]
    public async Task PassThrough_EndpointUnreachable_CoolsItDownForChatToo()
    {
        var dead = ClosedPort.Url();
        await using var gateway = await TestGateway.StartAsync(Config(dead));

        using var proxied = await gateway.Http.GetAsync("/proxy/ollama/api/tags");
        using var chat = await ChatAsync(gateway);

        Assert.Equal(HttpStatusCode.BadGateway, proxied.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, chat.StatusCode);
        Assert.Equal("1", Assert.Single(chat.Headers.GetValues("x-gateway-attempts"))); // the early probe of the only candidate
        var message = JsonDocument.Parse(await chat.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("skipped, cooling down after repeated failures", message, StringComparison.Ordinal);
        Assert.Contains("connection refused", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PassThrough_EndpointCoolingAfterChat_503WithRetryAfter_NothingSent()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(503, """{"error":"server busy"}"""));
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));
        using var chat = await ChatAsync(gateway);

        using var proxied = await gateway.Http.GetAsync("/proxy/ollama/api/tags");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, chat.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, proxied.StatusCode);
        Assert.Equal("application/problem+json", proxied.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(proxied.Headers.RetryAfter);
        Assert.Contains("server busy", await proxied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["/api/chat"], ollama.Requests.Select(request => request.Path));
    }

    [Fact]
    public async Task PassThrough_OneOfTwoEndpointsCooling_GoesToTheOther()
    {
        await using var healthy = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var dead = ClosedPort.Url();
        await using var gateway = await TestGateway.StartAsync(Config(dead, healthy.Url));
        using (await gateway.Http.GetAsync("/proxy/ollama/api/tags"))
        using (await gateway.Http.GetAsync("/proxy/ollama/api/tags"))
        {
        }

        for (var i = 0; i < 4; i++)
        {
            using var proxied = await gateway.Http.GetAsync("/proxy/ollama/api/tags");
            Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        }
    }

    [Fact]
    public async Task PassThrough_UpstreamAsksToWaitInMilliseconds_TheCooldownLastsThatLong()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(429, """{"error":"slow down"}""", ("retry-after-ms", "90000")));
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));
        using (await gateway.Http.GetAsync("/proxy/ollama/api/tags"))
        {
        }

        using var chat = await ChatAsync(gateway);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, chat.StatusCode);
        Assert.InRange(chat.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 61, 90);
    }

    private static Task<HttpResponseMessage> ChatAsync(TestGateway gateway) =>
        gateway.Http.PostAsync("/v1/chat/completions",
            new StringContent("""{"model":"generator","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
}
