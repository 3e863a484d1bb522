using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Resilience;

/// <summary>
/// A <c>Retry-After</c> longer than <c>max_retry_wait_seconds</c> moves on to the next candidate at once (on fake time nothing would
/// wake a request that slept), and when every candidate was rate limited the client hears 429 with the soonest wait.
/// </summary>
public sealed class RetryAfterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_RetryAfterLongerThanTheMaxWait_FallsBackAtOnce(bool stream)
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        upstreams.Primary!.Enqueue(StubResponse.Json(429, OpenAiPayloads.RateLimitError, ("Retry-After", "60")));
        await using var gateway = await TestGateway.For(upstreams.Config(primarySettings: "timeout_seconds: 120")).WithFakeTime().StartAsync();

        var answer = await gateway.ChatAsync(stream).WaitAsync(Patience);

        Assert.Equal(("ollama", 2), (answer.Backend, answer.Attempts));
        Assert.Equal(1, upstreams.Primary.RequestCount);
    }

    [Fact]
    public async Task Chat_RetryAfterWithinTheMaxWait_RetriedOnTheSameEndpoint()
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        upstreams.Primary!.Enqueue(StubResponse.Json(429, OpenAiPayloads.RateLimitError, ("Retry-After", "3")));
        var settings = "resilience:\n  failures_before_cooldown: 1000\n  cooldown_seconds: 1";
        await using var gateway = await TestGateway.For(upstreams.Config(settings, primarySettings: "max_retry_wait_seconds: 5")).WithFakeTime().StartAsync();

        var answer = await gateway.AdvanceUntilDoneAsync(gateway.ChatAsync(stream: false), TimeSpan.FromSeconds(1));

        Assert.Equal(("openai", 2), (answer.Backend, answer.Attempts));
    }

    [Fact]
    public async Task Chat_EveryCandidateRateLimited_429WithTheSoonestRetryAfter()
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        upstreams.Primary!.Enqueue(StubResponse.Json(429, OpenAiPayloads.RateLimitError, ("Retry-After", "30")));
        upstreams.Fallback.Enqueue(StubResponse.Json(429, """{"error":"rate limited"}""", ("Retry-After", "7")));
        await using var gateway = await TestGateway.For(upstreams.Config()).WithFakeTime().StartAsync();

        var answer = await gateway.ChatAsync(stream: false).WaitAsync(Patience);

        Assert.Equal(429, answer.Status);
        Assert.Equal("rate_limit_exceeded", answer.ErrorCode);
        Assert.Equal("7", answer.Header("Retry-After"));
    }
}
