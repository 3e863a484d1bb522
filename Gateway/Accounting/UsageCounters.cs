namespace Gateway.Accounting;

/// <summary>Running totals of one bucket (a backend, a model, a model key, a tool), updated lock-free from any request.</summary>
internal sealed class UsageCounters
{
    /// <summary>Cost is kept in billionths of a dollar so it can be added atomically.</summary>
    private const decimal NanoPerDollar = 1_000_000_000m;

    private long _requests;
    private long _failures;
    private long _promptTokens;
    private long _completionTokens;
    private long _estimated;
    private long _unpriced;
    private long _costNanoUsd;

    /// <summary>Counts one request (or attempt) and whether it failed.</summary>
    public void Count(bool failed)
    {
        Interlocked.Increment(ref _requests);
        if (failed)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    /// <summary>Adds an answer's tokens and cost.</summary>
    public void Add(RequestUsage usage)
    {
        Interlocked.Add(ref _promptTokens, usage.PromptTokens);
        Interlocked.Add(ref _completionTokens, usage.CompletionTokens);
        if (usage.Estimated)
        {
            Interlocked.Increment(ref _estimated);
        }

        if (usage.CostUsd is decimal cost)
        {
            Interlocked.Add(ref _costNanoUsd, (long)decimal.Round(cost * NanoPerDollar));
        }
        else
        {
            Interlocked.Increment(ref _unpriced);
        }
    }

    public UsageTotals Snapshot() => new(
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _failures),
        Interlocked.Read(ref _promptTokens),
        Interlocked.Read(ref _completionTokens),
        Interlocked.Read(ref _costNanoUsd) / NanoPerDollar,
        Interlocked.Read(ref _estimated),
        Interlocked.Read(ref _unpriced));
}
