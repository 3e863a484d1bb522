using Gateway.Accounting;
using Gateway.Runtime;

namespace Gateway.Telemetry;

/// <summary>
/// Wraps every request: sets <c>x-gateway-overhead-ms</c> and <c>x-gateway-cost-usd</c> as the response starts, and when it completes
/// adds the request to the usage ledger, records cost and overhead metrics and writes the one completion log line. It reads what happened
/// from the request's dispatch record; the dispatcher knows nothing about it.
/// </summary>
internal sealed class RequestObservationMiddleware(
    RequestDelegate next, UsageLedger ledger, TimeProvider time, RequestLog requestLog, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger(RequestLog.Category);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = new ObservedRequest(context, time, RequestSnapshot.Of(context).Config.Pricing);
        context.Response.OnStarting(static state =>
        {
            ((ObservedRequest)state).OnStarting();
            return Task.CompletedTask;
        }, request);

        try
        {
            await next(context);
        }
        finally
        {
            Complete(context, request);
        }
    }

    /// <summary>Health probes, scrapes and documentation: logged at debug, not worth a span.</summary>
    public static bool IsHousekeeping(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/swagger");

    private void Complete(HttpContext context, ObservedRequest request)
    {
        var record = request.Record;
        var elapsed = request.Elapsed;
        var http = context.Request;
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var status = context.Response.StatusCode;
        if (record is null)
        {
            var level = IsHousekeeping(http.Path) ? LogLevel.Debug : LogLevel.Information;
            RequestLog.Served(_log, level, http.Method, http.Path, status, elapsed.TotalMilliseconds, client);
            return;
        }

        var usage = request.Usage(record);
        var outcome = request.Outcome(record);
        ledger.Record(record, usage, failed: outcome != "ok");

        var overhead = elapsed - record.UpstreamTime;
        GatewayTelemetry.RecordOverhead(record.Operation, overhead);
        var last = record.Last;
        if (record.ServedBy is { } served)
        {
            GatewayTelemetry.RecordUsage(record.Operation, served, usage.PromptTokens, usage.CompletionTokens);
            if (usage.CostUsd is decimal cost)
            {
                GatewayTelemetry.RecordCost(served, cost);
            }
        }

        requestLog.Dispatched(
            http.Method, http.Path.ToString(), status, outcome, elapsed.TotalMilliseconds, overhead.TotalMilliseconds,
            last?.Backend.Name ?? "none", last?.Model ?? "none", last is null ? "none" : RequestLog.HostOf(last.Endpoint), record.Attempts.Count,
            usage.PromptTokens, usage.CompletionTokens, usage.Estimated, usage.CostUsd is decimal known ? ObservedRequest.Dollars(known) : "unknown", client);
    }
}
