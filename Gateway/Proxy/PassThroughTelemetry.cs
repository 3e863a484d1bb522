using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gateway.Configuration;
using Gateway.Redaction;
using Gateway.Telemetry;

namespace Gateway.Proxy;

/// <summary>A span per forwarded request and the pass-through's instruments, on the gateway's own source and meter.</summary>
internal static class PassThroughTelemetry
{
    private static readonly Meter Meter = new(GatewayTelemetry.Name);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "gateway.passthrough.requests", "{request}", "Pass-through requests by backend, method and upstream status");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "gateway.passthrough.duration", "s", "Time to forward one pass-through request, response body included");

    public static Activity? Start(BackendConfig backend, string method, string nativePath, string endpoint)
    {
        var activity = GatewayTelemetry.Source.StartActivity($"{method} {backend.Name} pass-through", ActivityKind.Client);
        activity?.SetTag("gateway.backend", backend.Name);
        activity?.SetTag("gateway.endpoint", UrlUserInfo.Mask(endpoint));
        activity?.SetTag("http.request.method", method);
        activity?.SetTag("url.path", "/" + nativePath);
        return activity;
    }

    /// <param name="error">The forwarder's error name, or null when the exchange completed.</param>
    public static void End(Activity? activity, BackendConfig backend, string method, int status, string? error, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "gateway.backend", backend.Name },
            { "http.request.method", method },
            { "http.response.status_code", status },
        };
        if (error is not null)
        {
            tags.Add("error.type", error);
        }

        Requests.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("http.response.status_code", status);
        if (error is not null)
        {
            activity.SetTag("error.type", error);
            activity.SetStatus(ActivityStatusCode.Error, error);
        }

        activity.Dispose();
    }
}
