using System.Collections.Concurrent;
using Gateway.Dispatch;
using Gateway.Exchange;

namespace Gateway.Accounting;

/// <summary>
/// Usage and cost since the gateway started. A request counts once in the totals and under its model key and tool; every upstream attempt
/// counts under its backend and model (so a backend that keeps failing shows, even when a fallback saved the request). Tokens and cost go
/// to the backend and model that answered. Models the config does not name count together as <c>backend/other</c>, so that clients
/// naming invented models cannot grow the report without bound.
/// </summary>
internal sealed class UsageLedger(TimeProvider time)
{
    private readonly UsageCounters _totals = new();
    private readonly ConcurrentDictionary<string, UsageCounters> _backends = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Backend, string Model), UsageCounters> _models = new();
    private readonly ConcurrentDictionary<string, UsageCounters> _modelKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UsageCounters> _tools = new(StringComparer.Ordinal);

    public DateTimeOffset Since { get; } = time.GetUtcNow();

    /// <summary>Records one finished request: what <paramref name="record"/> says was tried and <paramref name="usage"/> of its answer.</summary>
    public void Record(DispatchRecord record, RequestUsage usage, bool failed)
    {
        _totals.Count(failed);
        _totals.Add(usage);

        foreach (var attempt in record.Attempts)
        {
            var failedAttempt = attempt.Failure is not null;
            For(_backends, attempt.Candidate.Backend.Name).Count(failedAttempt);
            For(_models, (attempt.Candidate.Backend.Name, attempt.Candidate.ModelLabel)).Count(failedAttempt);
        }

        if (record.ServedBy is { } served)
        {
            For(_backends, served.Backend.Name).Add(usage);
            For(_models, (served.Backend.Name, served.ModelLabel)).Add(usage);
        }

        if (record.Last?.ModelKey is { } key)
        {
            var counters = For(_modelKeys, key);
            counters.Count(failed);
            counters.Add(usage);
        }

        if (record.Tool is { } tool)
        {
            var counters = For(_tools, tool);
            counters.Count(failed);
            counters.Add(usage);
        }
    }

    public UsageReport Snapshot() => new(Since, _totals.Snapshot(), Totals(_backends), Totals(_models), Totals(_modelKeys), Totals(_tools));

    private static UsageCounters For<TKey>(ConcurrentDictionary<TKey, UsageCounters> buckets, TKey name)
        where TKey : notnull =>
        buckets.GetOrAdd(name, static _ => new UsageCounters());

    /// <summary>Models are named as <c>GET /v1/models</c> names them: <c>backend/model</c>.</summary>
    private static SortedDictionary<string, UsageTotals> Totals(ConcurrentDictionary<(string Backend, string Model), UsageCounters> buckets)
    {
        var totals = new SortedDictionary<string, UsageTotals>(StringComparer.Ordinal);
        foreach (var ((backend, model), counters) in buckets)
        {
            totals[$"{backend}/{model}"] = counters.Snapshot();
        }

        return totals;
    }

    private static SortedDictionary<string, UsageTotals> Totals(ConcurrentDictionary<string, UsageCounters> buckets)
    {
        var totals = new SortedDictionary<string, UsageTotals>(StringComparer.Ordinal);
        foreach (var (name, counters) in buckets)
        {
            totals[name] = counters.Snapshot();
        }

        return totals;
    }
}
