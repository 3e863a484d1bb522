using Gateway.Backends;
using Gateway.Resilience;
using Gateway.Security;

namespace Gateway.Tests.Backends;

/// <summary>One heuristic for tokens nobody counted, and every estimate of the gateway uses it.</summary>
public sealed class TokenEstimateTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(4096, 1024)]
    public void FromBytes_AFourthRoundedUp(long bytes, long tokens)
    {
        Assert.Equal(tokens, TokenEstimate.FromBytes(bytes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(1_000_001)]
    public void RateLimitsAndContextFit_ChargeWhatTheEstimateSays(int bytes)
    {
        Assert.Equal(TokenEstimate.FromBytes(bytes), RequestCost.FromBytes(bytes).Tokens);
        Assert.Equal(TokenEstimate.FromBytes(bytes), PromptEstimator.Heuristic(bytes));
    }

    [Fact]
    public void FromBytes_BeyondAnInt_RateLimitChargeCapped()
    {
        Assert.Equal(int.MaxValue, RequestCost.FromBytes(long.MaxValue / 2).Tokens);
    }
}
