using Gateway.Accounting;
using Gateway.Backends;
using static Gateway.Tests.Accounting.AccountingFixtures;

namespace Gateway.Tests.Accounting;

public sealed class RequestUsageTests
{
    [Fact]
    public void Of_ReportedUsage_PricedAtTheConfiguredRates()
    {
        var record = Record("chat", new Usage(1000, 500), served: true, Candidate("openai", "gpt-4o"));
        record.Generated(9999);

        var usage = RequestUsage.Of(record, requestBytes: 9999, Prices);

        Assert.Equal(new RequestUsage(1000, 500, Estimated: false, CostUsd: 0.0075m), usage);
    }

    [Theory]
    [InlineData("ollama")]
    [InlineData("lmstudio")]
    [InlineData("mock")]
    public void Of_LocalBackend_CostsNothingWithoutAPrice(string backend)
    {
        var record = Record("chat", new Usage(100, 50), served: true, Candidate(backend, "llama3"));

        Assert.Equal(0m, RequestUsage.Of(record, 0, Prices).CostUsd);
    }

    [Fact]
    public void Of_PaidModelWithoutPrice_CostIsUnknownNotZero()
    {
        var record = Record("chat", new Usage(100, 50), served: true, Candidate("anthropic", "claude-3-opus-20240229"));

        var usage = RequestUsage.Of(record, 0, Prices);

        Assert.Null(usage.CostUsd);
        Assert.Equal(100, usage.PromptTokens);
    }

    [Fact]
    public void Of_NoUsageReported_EstimatesFourCharactersPerTokenAndSaysSo()
    {
        var record = Record("chat", usage: null, served: true, Candidate("openai", "gpt-4o"));
        record.Generated(40);

        var usage = RequestUsage.Of(record, requestBytes: 401, Prices);

        Assert.Equal(new RequestUsage(101, 10, Estimated: true, CostUsd: 0.00035250m), usage);
    }

    [Fact]
    public void Of_EmbeddingsWithoutUsage_EstimatesTheInputOnly()
    {
        var record = Record("embeddings", usage: null, served: true, Candidate("openai", "text-embedding-3-small"));

        record.Generated(12345);

        var usage = RequestUsage.Of(record, requestBytes: 80, Prices);

        Assert.Equal(new RequestUsage(20, 0, Estimated: true, CostUsd: 0.0000004m), usage);
    }

    [Fact]
    public void Of_NothingAnswered_NoTokensAndNoCost()
    {
        var record = Record("chat", usage: null, served: false, Candidate("openai", "gpt-4o"));

        Assert.Equal(RequestUsage.None, RequestUsage.Of(record, 500, Prices));
    }
}
