using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Dispatch;
using Gateway.Exchange;
using Gateway.Routing;
using Gateway.Tests.Routing;

namespace Gateway.Tests.Accounting;

/// <summary>Candidates and dispatch records as the dispatcher leaves them, for accounting tests without HTTP.</summary>
internal static class AccountingFixtures
{
    public static readonly Dictionary<string, ModelPrice> Prices = new(StringComparer.Ordinal)
    {
        ["gpt-4o"] = new ModelPrice(2.5m, 10m),
        ["text-embedding-3-small"] = new ModelPrice(0.02m, 0m),
    };

    /// <summary>A candidate of <paramref name="backend"/> whose config names <paramref name="model"/> (under <paramref name="modelKey"/>).</summary>
    public static Candidate Candidate(string backend, string model, string? modelKey = null) => new()
    {
        Backend = TestConfigs.Backend(backend) with { Models = new(StringComparer.Ordinal) { [modelKey ?? model] = model } },
        Model = model,
        ModelKey = modelKey,
        Endpoint = TestConfigs.Backend(backend).BaseUrl,
        Reason = "primary",
    };

    public static UpstreamFailure Refused => new() { Kind = FailureKind.Connect, Message = "connection refused" };

    /// <summary>A record of <paramref name="attempts"/>; the last one answered with <paramref name="usage"/> unless <paramref name="served"/> is false.</summary>
    public static DispatchRecord Record(string operation, Usage? usage, bool served, params Candidate[] attempts)
    {
        var record = new DispatchRecord { Operation = operation };
        for (var i = 0; i < attempts.Length; i++)
        {
            var answered = served && i == attempts.Length - 1;
            record.Add(new Attempt(attempts[i], answered ? null : Refused, TimeSpan.FromMilliseconds(5)));
            if (answered)
            {
                record.Served(attempts[i], usage);
            }
        }

        return record;
    }
}
