using System.Text;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Resilience;

/// <summary>
/// Endpoint cooldown, on fake time: after <c>failures_before_cooldown</c> consecutive failures, or at once on a 429, the endpoint leaves
/// the plan for <c>cooldown_seconds</c> (at least its <c>Retry-After</c>); requests go straight to the next backend without touching it;
/// when nothing else is left the client gets 503 with <c>Retry-After</c>; after the cooldown one probe lets it back.
/// </summary>
public sealed class CooldownTests
{
    private const string Settings = "resilience:\n  failures_before_cooldown: 2\n  cooldown_seconds: 30";

    private static Task<TestGateway> StartAsync(PrimaryWithFallback upstreams) =>
        TestGateway.For(upstreams.Config(settings: Settings, primarySettings: "max_retries: 0")).WithFakeTime().StartAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_PrimaryFailsTwice_CoolsDownIsSkippedThenProbedBackAfterTheCooldown(bool stream)
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await StartAsync(upstreams);
        upstreams.Primary!.Enqueue(StubResponse.Json(500, OpenAiPayloads.ServerError));
        upstreams.Primary.Enqueue(StubResponse.Json(500, OpenAiPayloads.ServerError));

        Assert.Equal(2, (await gateway.ChatAsync(stream)).Attempts);
        Assert.Equal(2, (await gateway.ChatAsync(stream)).Attempts);
        var whileCooling = await gateway.ChatAsync(stream);

        Assert.Equal("ollama", whileCooling.Backend);
        Assert.Equal(1, whileCooling.Attempts);
        Assert.Equal(2, upstreams.Primary.RequestCount);

        gateway.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("ollama", (await gateway.ChatAsync(stream)).Backend);
        Assert.Equal(2, upstreams.Primary.RequestCount);

        gateway.Clock.Advance(TimeSpan.FromSeconds(2));
        var probe = await gateway.ChatAsync(stream);
        var after = await gateway.ChatAsync(stream);

        Assert.Equal("openai", probe.Backend);
        Assert.Equal("openai", after.Backend);
        Assert.Equal(4, upstreams.Primary.RequestCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_ProbeFails_EndpointCoolsDownAgainAtOnce(bool stream)
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await StartAsync(upstreams);
        for (var i = 0; i < 3; i++)
        {
            upstreams.Primary!.Enqueue(StubResponse.Json(503, OpenAiPayloads.ServerError));
        }

        await gateway.ChatAsync(stream);
        await gateway.ChatAsync(stream);
        gateway.Clock.Advance(TimeSpan.FromSeconds(31));
        var failedProbe = await gateway.ChatAsync(stream);
        var next = await gateway.ChatAsync(stream);

        Assert.Equal(2, failedProbe.Attempts);
        Assert.Equal(1, next.Attempts);
        Assert.Equal("ollama", next.Backend);
        Assert.Equal(3, upstreams.Primary!.RequestCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_429WithRetryAfterLongerThanTheCooldown_EndpointRestsThatLong(bool stream)
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await StartAsync(upstreams);
        upstreams.Primary!.Enqueue(StubResponse.Json(429, OpenAiPayloads.RateLimitError, ("Retry-After", "120")));

        var limited = await gateway.ChatAsync(stream);
        gateway.Clock.Advance(TimeSpan.FromSeconds(100));
        var stillResting = await gateway.ChatAsync(stream);
        gateway.Clock.Advance(TimeSpan.FromSeconds(21));
        var back = await gateway.ChatAsync(stream);

        Assert.Equal("ollama", limited.Backend);
        Assert.Equal(1, stillResting.Attempts);
        Assert.Equal("openai", back.Backend);
        Assert.Equal(2, upstreams.Primary.RequestCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_OnlyCandidateCoolingDown_503WithRetryAfterAndNoUpstreamContacted(bool stream)
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await StartAsync(upstreams);
        upstreams.Primary!.Enqueue(StubResponse.Json(429, OpenAiPayloads.RateLimitError, ("retry-after-ms", "45000")));
        await gateway.ChatAsync(stream, ("x-gateway-fallback", "none"));
        gateway.Clock.Advance(TimeSpan.FromSeconds(5));

        var answer = await gateway.ChatAsync(stream, ("x-gateway-fallback", "none"));

        Assert.Equal(503, answer.Status);
        Assert.Equal("upstream_unavailable", answer.ErrorCode);
        Assert.Equal(0, answer.Attempts);
        Assert.Equal("40", answer.Header("Retry-After"));
        Assert.Contains($"openai {upstreams.PrimaryUrl} (gpt-4o): skipped, cooling down", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, upstreams.Primary.RequestCount);
        Assert.Empty(upstreams.Fallback.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_SkippedWhileCooling_ErrorKeepsTheFailureThatStartedTheCooldown(bool stream)
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await StartAsync(upstreams);
        await upstreams.Primary!.StopAsync();
        await gateway.ChatAsync(stream, ("x-gateway-fallback", "none"));
        await gateway.ChatAsync(stream, ("x-gateway-fallback", "none"));

        var answer = await gateway.ChatAsync(stream, ("x-gateway-fallback", "none"));

        // The only candidate cools down, so it is probed early rather than refused; it is still down, and the error says all of it.
        Assert.Equal(503, answer.Status);
        Assert.Equal(1, answer.Attempts);
        Assert.Contains("skipped, cooling down after repeated failures (30 s left); last failure: ", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("probed before its cooldown ended, as every candidate was cooling down", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("connection refused", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_OneEndpointOfAPoolCooling_RoundRobinSkipsItUntilItsProbe(bool stream)
    {
        await using var first = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var second = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        first.Enqueue(StubResponse.Json(500, """{"error":"model crashed"}"""));
        await using var gateway = await TestGateway.For(
            $$"""
            llm:
              backend: ollama
              global_defaults: { max_retries: 0 }
              resilience: { failures_before_cooldown: 1, cooldown_seconds: 30 }
              ollama:
                models: { generator: "llama3.2" }
                endpoints:
                  generator: ["{{first.Url}}", "{{second.Url}}"]
            """).WithFakeTime().StartAsync();

        async Task<string> AttemptsAsync()
        {
            using var body = new StringContent($$"""{"model":"generator","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");
            using var response = await gateway.Http.PostAsync("/v1/chat/completions", body);
            Assert.Equal(200, (int)response.StatusCode);
            return response.Headers.GetValues("x-gateway-attempts").Single();
        }

        Assert.Equal(["2", "1", "1", "1"], [await AttemptsAsync(), await AttemptsAsync(), await AttemptsAsync(), await AttemptsAsync()]);
        Assert.Equal((1, 4), (first.RequestCount, second.RequestCount));

        gateway.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(["1", "1"], [await AttemptsAsync(), await AttemptsAsync()]);
        Assert.Equal((2, 5), (first.RequestCount, second.RequestCount));
    }
}
