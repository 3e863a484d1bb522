using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Resilience;

/// <summary>
/// Cooldowns are fair and recover: a client's own short budget never benches an endpoint for everyone, a timed-out try moves on to
/// another endpoint of the pool, and when every candidate cools down the one back soonest is probed rather than refused.
/// </summary>
public sealed class FairCooldownTests
{
    private const string CoolAfterTwo = "resilience:\n  failures_before_cooldown: 2\n  cooldown_seconds: 30";

    [Fact]
    public async Task Chat_TimeoutsCausedByTheClientsBudget_DoNotCoolTheEndpoint()
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            upstreams.Primary!.Enqueue(StubResponse.Hang());
        }

        await using var gateway = await TestGateway.StartAsync(upstreams.Config(CoolAfterTwo));
        for (var i = 0; i < 3; i++)
        {
            var hurried = await gateway.ChatAsync(false, ("x-gateway-timeout-seconds", "0.5"), ("x-gateway-fallback", "none"));
            Assert.Equal(504, hurried.Status);
        }

        Assert.Equal(3, upstreams.Primary!.RequestCount); // each hurried request reached the endpoint and gave up on it

        var next = await gateway.ChatAsync(stream: false);

        Assert.Equal(("openai", 1), (next.Backend, next.Attempts));
    }

    [Fact]
    public async Task Chat_TryTimesOutWithAnotherEndpointInThePool_MovesOnInsteadOfRetryingIt()
    {
        await using var first = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var second = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        first.Enqueue(StubResponse.Hang());
        second.Enqueue(StubResponse.Hang());
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: openai
              global_defaults: { timeout_seconds: 0.2, max_retries: 1 }
              resilience: { failures_before_cooldown: 1000 }
              openai:
                api_key: "sk-test"
                models: { generator: "gpt-4o" }
                endpoints:
                  generator: ["{{first.Url}}/v1", "{{second.Url}}/v1"]
            """);

        var answer = await gateway.ChatAsync(stream: false);

        Assert.Equal(504, answer.Status);
        Assert.Equal(2, answer.Attempts);
        Assert.Equal((1, 1), (first.RequestCount, second.RequestCount));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_EveryCandidateCoolingAndTheUpstreamRecovered_TheNextRequestIsServed(bool stream)
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        upstreams.Primary!.Enqueue(StubResponse.Json(500, OpenAiPayloads.ServerError));
        var settings = "resilience:\n  failures_before_cooldown: 1\n  cooldown_seconds: 30";
        await using var gateway = await TestGateway.For(upstreams.Config(settings, primarySettings: "max_retries: 0")).WithFakeTime().StartAsync();
        Assert.Equal(502, (await gateway.ChatAsync(stream, ("x-gateway-fallback", "none"))).Status);

        var recovered = await gateway.ChatAsync(stream, ("x-gateway-fallback", "none"));
        var after = await gateway.ChatAsync(stream, ("x-gateway-fallback", "none"));

        Assert.Equal((200, "openai", 1), (recovered.Status, recovered.Backend, recovered.Attempts));
        Assert.Equal((200, 1), (after.Status, after.Attempts));
        Assert.Equal(3, upstreams.Primary.RequestCount);
    }
}
