using System.Text.Json;
using Gateway.Accounting;
using Gateway.Backends;
using Gateway.Dispatch;
using Gateway.Security;
using static Gateway.Tests.Accounting.AccountingFixtures;

namespace Gateway.Tests.Backends;

/// <summary>One estimator for tokens nobody counted, and every estimate of the gateway uses it.</summary>
public sealed class TokenEstimatorTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(4096, 1024)]
    public void FromBytesAndFromCharacters_AFourthRoundedUp(long count, long tokens)
    {
        Assert.Equal(tokens, TokenEstimator.FromBytes(count));
        Assert.Equal(tokens, TokenEstimator.FromCharacters(count));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(1_000_001)]
    public void RateLimits_ChargeWhatTheEstimateSays(int bytes)
    {
        Assert.Equal(TokenEstimator.FromBytes(bytes), RequestCost.FromBytes(bytes).Tokens);
    }

    [Fact]
    public void Measure_ModelWithoutAnEncoding_CountsTheTextByTheSameHeuristic()
    {
        const string text = "Seventeen bytes!!";
        using var request = new ChatRequest(
            JsonDocument.Parse($$"""{"model":"m","messages":[{"role":"user","content":"{{text}}"}]}"""), "m", stream: false, includeUsage: false);

        var size = TokenEstimator.Measure(request, "llama3");

        Assert.Equal(TokenEstimator.FromBytes(text.Length) + TokenEstimator.PerMessage + TokenEstimator.PerPrompt, size.Total);
    }

    [Fact]
    public void UsageEstimate_NoUsageReported_CountsTheGeneratedCharactersTheRecordHolds()
    {
        var record = Record("chat", usage: null, served: true, Candidate("lmstudio", "qwen3"));
        record.Generated(17);

        var usage = RequestUsage.Of(record, requestBytes: 9, Prices);

        Assert.Equal(TokenEstimator.FromBytes(9), usage.PromptTokens);
        Assert.Equal(TokenEstimator.FromCharacters(17), usage.CompletionTokens);
    }

    [Fact]
    public void FromBytes_BeyondAnInt_RateLimitChargeCapped()
    {
        Assert.Equal(int.MaxValue, RequestCost.FromBytes(long.MaxValue / 2).Tokens);
    }
}
