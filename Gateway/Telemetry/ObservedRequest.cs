using System.Globalization;
using Gateway.Accounting;
using Gateway.Configuration;
using Gateway.Exchange;

namespace Gateway.Telemetry;

/// <summary>
/// One request as the observability middleware follows it: when it started, how many bytes the client sent, and — from the request's
/// <see cref="DispatchRecord"/> — where it went, what it used and how much text the answer generated.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The counting stream wraps the request body, which the server owns and disposes.")]
internal sealed class ObservedRequest
{
    private readonly HttpContext _context;
    private readonly TimeProvider _time;
    private readonly IReadOnlyDictionary<string, ModelPrice> _pricing;
    private readonly long _started;
    private readonly CountingRequestStream? _requestBody;

    public ObservedRequest(HttpContext context, TimeProvider time, IReadOnlyDictionary<string, ModelPrice> pricing)
    {
        _context = context;
        _time = time;
        _pricing = pricing;
        _started = time.GetTimestamp();

        // Only requests with a body can reach an upstream; the rest need no counting.
        if (HttpMethods.IsPost(context.Request.Method))
        {
            _requestBody = new CountingRequestStream(context.Request.Body);
            context.Request.Body = _requestBody;
        }
    }

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    public DispatchRecord? Record => _context.Features.Get<DispatchRecord>();

    /// <summary>
    /// Sets the headers as the response starts. A non-streamed answer is complete by now; a stream is committing to its first event, so
    /// its overhead leaves out the upstream's time to that event and its cost is not known yet.
    /// </summary>
    public void OnStarting()
    {
        var headers = _context.Response.Headers;
        var record = Record;
        var overhead = Elapsed - (record?.UpstreamTime ?? TimeSpan.Zero);
        if (record is not null && IsCommittingStream(record))
        {
            headers[ObservabilityHeaders.OverheadMs] = Milliseconds(overhead - record.TimeToFirstEvent!.Value);
            return;
        }

        headers[ObservabilityHeaders.OverheadMs] = Milliseconds(overhead);
        if (record is null)
        {
            return;
        }

        var usage = Usage(record);
        if (usage.CostUsd is decimal cost)
        {
            headers[ObservabilityHeaders.CostUsd] = Dollars(cost);
        }

        if (usage.Estimated)
        {
            headers[ObservabilityHeaders.UsageEstimated] = "true";
        }
    }

    /// <summary>The usage of the answer as far as it has gone.</summary>
    public RequestUsage Usage(DispatchRecord record) =>
        RequestUsage.Of(record, _requestBody?.BytesRead ?? 0, _pricing);

    /// <summary>How the request ended: <c>ok</c>, <c>failed</c> (an error answer), <c>broken</c> (a stream cut short) or <c>aborted</c> by the client.</summary>
    public string Outcome(DispatchRecord? record)
    {
        if (_context.RequestAborted.IsCancellationRequested)
        {
            return "aborted";
        }

        if (_context.Response.StatusCode >= 400 || (record is not null && record.ServedBy is null))
        {
            return "failed";
        }

        return record is { Attempts.Count: > 0 } && record.Attempts[^1].Failure is not null ? "broken" : "ok";
    }

    public static string Dollars(decimal cost) => cost.ToString("0.##########", CultureInfo.InvariantCulture);

    private static bool IsCommittingStream(DispatchRecord record) => record.TimeToFirstEvent is not null && record.ServedBy is null;

    private static string Milliseconds(TimeSpan time) =>
        Math.Max(0, time.TotalMilliseconds).ToString("0.###", CultureInfo.InvariantCulture);
}
