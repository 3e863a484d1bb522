using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Security;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Security;

/// <summary><c>server.rate_limit</c>: per key (or per client address), 429 with <c>Retry-After</c>, <c>GET /health</c> never limited.</summary>
public sealed class RateLimitTests
{
    private const string KeyA = "gw-rate-key-a-0123456789";
    private const string KeyB = "gw-rate-key-b-0123456789";

    [Fact]
    public async Task Requests_OverThePerMinuteLimit_429WithRetryAfterInOpenAiShape()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await StartAsync(ollama, "rate_limit: { requests_per_minute: 2 }", keys: true);
        using var client = gateway.WithBearer(KeyA);

        using var first = await client.PostAsync("/v1/chat/completions", Chat());
        using var second = await client.PostAsync("/v1/chat/completions", Chat());
        using var third = await client.PostAsync("/v1/chat/completions", Chat());

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(200, (int)second.StatusCode);
        Assert.Equal(429, (int)third.StatusCode);
        Assert.True(int.Parse(Assert.Single(third.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var error = JsonDocument.Parse(await third.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Contains("2 requests per minute", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("key 1", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, ollama.Requests.Count);
    }

    [Fact]
    public async Task Requests_OneKeyExhausted_OtherKeyStillServed()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await StartAsync(ollama, "rate_limit: { requests_per_minute: 1 }", keys: true);
        using var a = gateway.WithBearer(KeyA);
        using var b = gateway.WithBearer(KeyB);

        using var firstA = await a.GetAsync("/v1/models");
        using var secondA = await a.GetAsync("/v1/models");
        using var firstB = await b.GetAsync("/v1/models");

        Assert.Equal(200, (int)firstA.StatusCode);
        Assert.Equal(429, (int)secondA.StatusCode);
        Assert.Equal(200, (int)firstB.StatusCode);
    }

    [Fact]
    public async Task Probes_NeverLimited()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await StartAsync(ollama, "rate_limit: { requests_per_minute: 1 }", keys: false);

        for (var i = 0; i < 5; i++)
        {
            using var live = await gateway.Http.GetAsync("/health");
            using var ready = await gateway.Http.GetAsync("/health/ready");
            Assert.Equal(200, (int)live.StatusCode);
            Assert.Equal(200, (int)ready.StatusCode);
        }
    }

    [Fact]
    public async Task Anonymous_LimitedPerClientAddress_ProblemDetailsOutsideV1()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await StartAsync(ollama, "rate_limit: { requests_per_minute: 1 }", keys: false);

        using var first = await gateway.Http.GetAsync("/v1/models");
        using var second = await gateway.Http.GetAsync("/health/backends");

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(429, (int)second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(second.Headers.RetryAfter);
        var detail = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains("address 127.0.0.1", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_BodyEstimateOverTheMinuteBudget_429NamingTokens()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await StartAsync(ollama, "rate_limit: { tokens_per_minute: 100 }", keys: true);
        using var client = gateway.WithBearer(KeyA);
        var big = new string('x', 200);

        // ~60 bytes = 15 tokens, then ~260 bytes = 65 tokens (80 of 100 spent), then another 65 do not fit.
        using var small = await client.PostAsync("/v1/chat/completions", Chat("hi"));
        using var first = await client.PostAsync("/v1/chat/completions", Chat(big));
        using var second = await client.PostAsync("/v1/chat/completions", Chat(big));

        Assert.Equal(200, (int)small.StatusCode);
        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(429, (int)second.StatusCode);
        Assert.Contains("100 input tokens", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_ChunkedBodyWithoutLength_StillCounted()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await StartAsync(ollama, "rate_limit: { tokens_per_minute: 100 }", keys: true);
        using var client = gateway.WithBearer(KeyA);
        var big = new string('x', 300);

        using var first = await client.PostAsync("/v1/chat/completions", Chunked(Chat(big)));
        using var second = await client.PostAsync("/v1/chat/completions", Chunked(Chat(big)));

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(429, (int)second.StatusCode);
    }

    [Fact]
    public async Task Reload_LimitAddedToAGatewayWithout_AppliesToTheNextRequests()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var yaml = $$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
                models: { generator: "llama3.2" }
            """;
        await using var gateway = await TestGateway.For(yaml).WithFakeTime().LogAt(LogLevel.Information).StartAsync();
        var unlimited = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.Http.PostAsync("/v1/chat/completions", Chat());
            unlimited.Add((int)response.StatusCode);
        }

        await gateway.EditConfigAsync(yaml + "\nserver:\n  rate_limit: { requests_per_minute: 1 }\n");
        await gateway.Logs.WaitForAsync(line => line.Contains("Config reloaded", StringComparison.Ordinal));
        using var first = await gateway.Http.PostAsync("/v1/chat/completions", Chat());
        using var second = await gateway.Http.PostAsync("/v1/chat/completions", Chat());

        Assert.Equal([200, 200, 200], unlimited);
        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(429, (int)second.StatusCode);
    }

    [Fact]
    public async Task NoLimitConfigured_RequestsServed_RateLimiterNeverBuilt()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var built = 0;
        await using var gateway = await StartAsync(ollama, "", keys: false, built: () => Interlocked.Increment(ref built));

        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.Http.PostAsync("/v1/chat/completions", Chat());
            Assert.Equal(200, (int)response.StatusCode);
        }

        Assert.Equal(0, built);
    }

    [Fact]
    public async Task LimitConfigured_NotBuiltUntilTheFirstRequest()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var built = 0;
        await using var gateway = await StartAsync(ollama, "rate_limit: { requests_per_minute: 100 }", keys: false, built: () => Interlocked.Increment(ref built));
        Assert.Equal(0, built);

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Chat());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(1, built);
    }

    private static async Task<TestGateway> StartAsync(StubUpstream ollama, string rateLimit, bool keys, Action? built = null) =>
        await TestGateway.For($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
                models: { generator: "llama3.2" }
            server:
              {{(keys ? $"api_keys: [\"{KeyA}\", \"{KeyB}\"]" : "")}}
              {{rateLimit}}
            """).WithServices(services => services.PostConfigure<RateLimiterOptions>(_ => built?.Invoke())).StartAsync();

    private static StringContent Chat(string text = "hi") =>
        new($$"""{"model":"generator","messages":[{"role":"user","content":"{{text}}"}]}""", Encoding.UTF8, "application/json");

    /// <summary>The same body sent with chunked transfer encoding (no Content-Length).</summary>
    private static StreamContent Chunked(StringContent content)
    {
        var stream = new StreamContent(new NonSeekableStream(content.ReadAsStream()));
        stream.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return stream;
    }

    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
