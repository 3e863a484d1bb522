using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Resilience;

/// <summary>The client's per-request opt-outs: <c>x-gateway-timeout-seconds</c> shortens the budget (never lengthens it), and bad values are 400s.</summary>
public sealed class RequestOptionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_TimeoutHeaderShorterThanConfig_AttemptsEndAtTheHeadersBudget(bool stream)
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await TestGateway.For(upstreams.Config(primarySettings: "timeout_seconds: 60")).WithFakeTime().StartAsync();
        upstreams.Primary!.Enqueue(StubResponse.Hang());

        var answering = gateway.ChatAsync(stream, ("x-gateway-timeout-seconds", "0.2"), ("x-gateway-fallback", "none"));
        await upstreams.Primary.WaitForRequestAsync(1, Patience);
        gateway.Clock.Advance(TimeSpan.FromSeconds(0.2));
        var answer = await answering;

        Assert.Equal(504, answer.Status);
        Assert.Contains("within the request's 0.2 s budget", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_TimeoutHeaderLongerThanConfig_ConfiguredTimeoutStillApplies(bool stream)
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await TestGateway.For(upstreams.Config(primarySettings: "max_retries: 0\ntimeout_seconds: 0.3")).WithFakeTime().StartAsync();
        upstreams.Primary!.Enqueue(StubResponse.Hang());

        var answering = gateway.ChatAsync(stream, ("x-gateway-timeout-seconds", "600"));
        await upstreams.Primary.WaitForRequestAsync(1, Patience);
        gateway.Clock.Advance(TimeSpan.FromSeconds(0.3));
        var answer = await answering;

        Assert.Equal("ollama", answer.Backend);
        Assert.Equal(2, answer.Attempts);
    }

    [Theory]
    [InlineData("x-gateway-timeout-seconds", "soon")]
    [InlineData("x-gateway-timeout-seconds", "0")]
    [InlineData("x-gateway-timeout-seconds", "-3")]
    [InlineData("x-gateway-fallback", "sometimes")]
    public async Task Chat_BadOptionHeader_400NamingTheHeader(string header, string value)
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await TestGateway.StartAsync(upstreams.Config());

        foreach (var stream in new[] { false, true })
        {
            var answer = await gateway.ChatAsync(stream, (header, value));

            Assert.Equal(400, answer.Status);
            Assert.Equal("invalid_header", answer.ErrorCode);
            Assert.Contains(header, answer.ErrorMessage, StringComparison.Ordinal);
        }

        Assert.Empty(upstreams.Primary!.Requests);
    }
}
