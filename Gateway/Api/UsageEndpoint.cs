using Gateway.Accounting;

namespace Gateway.Api;

/// <summary><c>GET /usage</c>: requests, failures, tokens and cost since the gateway started.</summary>
internal static class UsageEndpoint
{
    public static IResult Get(UsageLedger ledger) => TypedResults.Json(ledger.Snapshot(), UsageJsonContext.Default.UsageReport);
}
