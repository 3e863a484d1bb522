using Gateway.Accounting;
using Gateway.Backends;
using static Gateway.Tests.Accounting.AccountingFixtures;

namespace Gateway.Tests.Accounting;

public sealed class UsageLedgerTests
{
    [Fact]
    public void Record_FallbackSavedTheRequest_BackendsCountAttemptsTotalsCountOneRequest()
    {
        var ledger = new UsageLedger(TimeProvider.System);
        var record = Record("chat", new Usage(100, 40), served: true, Candidate("ollama", "llama3", "generator"), Candidate("openai", "gpt-4o", "generator"));

        ledger.Record(record, new RequestUsage(100, 40, false, 0.00065m), failed: false);

        var report = ledger.Snapshot();
        Assert.Equal(new UsageTotals(1, 0, 100, 40, 0.00065m, 0, 0), report.Totals);
        Assert.Equal(new UsageTotals(1, 1, 0, 0, 0m, 0, 0), report.ByBackend["ollama"]);
        Assert.Equal(new UsageTotals(1, 0, 100, 40, 0.00065m, 0, 0), report.ByBackend["openai"]);
        Assert.Equal(["ollama/llama3", "openai/gpt-4o"], report.ByModel.Keys);
        Assert.Equal(new UsageTotals(1, 0, 100, 40, 0.00065m, 0, 0), report.ByModelKey["generator"]);
        Assert.Empty(report.ByTool);
    }

    [Fact]
    public void Record_ToolRequestsFailedAndEstimated_BucketedByToolWithFailuresAndFlags()
    {
        var ledger = new UsageLedger(TimeProvider.System);
        var served = Record("chat", null, served: true, Candidate("anthropic", "claude-3-opus-20240229", "writer"));
        served.Tool = "technical_writer";
        var failed = Record("chat", null, served: false, Candidate("anthropic", "claude-3-opus-20240229", "writer"));
        failed.Tool = "technical_writer";

        ledger.Record(served, new RequestUsage(30, 12, Estimated: true, CostUsd: null), failed: false);
        ledger.Record(failed, RequestUsage.None, failed: true);

        var tool = ledger.Snapshot().ByTool["technical_writer"];
        Assert.Equal(new UsageTotals(2, 1, 30, 12, 0m, EstimatedRequests: 1, UnpricedRequests: 1), tool);
        Assert.Equal(new UsageTotals(2, 1, 30, 12, 0m, 1, 1), ledger.Snapshot().ByModelKey["writer"]);
    }

    [Fact]
    public void Record_ModelsTheConfigDoesNotName_CountedTogetherAsOther()
    {
        var ledger = new UsageLedger(TimeProvider.System);
        var named = Candidate("ollama", "llama3", "generator");
        foreach (var invented in new[] { "made-up-1", "made-up-2" })
        {
            ledger.Record(Record("chat", new Usage(5, 1), served: true, named with { Model = invented, ModelKey = null }), new RequestUsage(5, 1, false, 0m), failed: false);
        }

        ledger.Record(Record("chat", new Usage(5, 1), served: true, named), new RequestUsage(5, 1, false, 0m), failed: false);

        var byModel = ledger.Snapshot().ByModel;
        Assert.Equal(["ollama/llama3", "ollama/other"], byModel.Keys);
        Assert.Equal(new UsageTotals(2, 0, 10, 2, 0m, 0, 0), byModel["ollama/other"]);
    }

    [Fact]
    public void Record_ManyConcurrentRequests_NoCountOrCentLost()
    {
        var ledger = new UsageLedger(TimeProvider.System);
        var record = Record("chat", new Usage(3, 2), served: true, Candidate("openai", "gpt-4o", "generator"));

        Parallel.For(0, 2000, _ => ledger.Record(record, new RequestUsage(3, 2, false, 0.000001m), failed: false));

        var totals = ledger.Snapshot().Totals;
        Assert.Equal(2000, totals.Requests);
        Assert.Equal(6000, totals.PromptTokens);
        Assert.Equal(0.002m, totals.CostUsd);
    }
}
