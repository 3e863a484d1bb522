using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Gateway.Telemetry;

/// <summary>
/// Logs the OTLP exporter's failures (its <c>EventSource</c>, which would otherwise tell no one), at most one line per signal and
/// collector per minute (a report that names no signal counts under <c>telemetry</c>, for traces and metrics alike): a collector that is down fails every batch, and one line says so as well as a thousand. The line names the signal, the
/// collector by scheme, host, port and path, and the first line of the error; the next line after a quiet minute says how many failures
/// went unlogged in between.
/// </summary>
internal sealed partial class ExportFailureLog : EventListener
{
    private const string ExporterSource = "OpenTelemetry-Exporter-OpenTelemetryProtocol";

    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);

    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public ExportFailureLog(ILogger<ExportFailureLog> log, TimeProvider time)
    {
        _log = log;
        _time = time;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        // Called from the base constructor too, before this class's fields are set: touch none of them here.
        if (eventSource.Name == ExporterSource)
        {
            EnableEvents(eventSource, EventLevel.Error);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (_windows is null || eventData.Level > EventLevel.Error || eventData.EventSource.Name != ExporterSource)
        {
            return;
        }

        var (signal, collector, error) = Describe(eventData);
        var window = _windows.GetOrAdd($"{signal} {collector}", static _ => new Window());
        var now = _time.GetTimestamp();
        int unlogged;
        lock (window)
        {
            if (window.LastLogged is { } last && _time.GetElapsedTime(last, now) < Quiet)
            {
                window.Unlogged++;
                return;
            }

            unlogged = window.Unlogged;
            window.LastLogged = now;
            window.Unlogged = 0;
        }

        LogExportFailed(signal, collector, error, unlogged);
    }

    /// <summary>Which signal failed, to where, and why, from the exporter's event (the collector's URL comes first when it gives one).</summary>
    private static (string Signal, string Collector, string Error) Describe(EventWrittenEventArgs eventData)
    {
        var payload = eventData.Payload ?? [];
        var texts = payload.OfType<string>().ToList();
        var url = texts.Count > 1 && Uri.TryCreate(texts[0], UriKind.Absolute, out var parsed) ? parsed : null;
        var error = FirstLine(texts.Count > 0 ? texts[^1] : eventData.EventName ?? "unknown error");
        var collector = url?.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) ?? "the collector";
        var path = url?.AbsolutePath ?? "";
        var signal = path.Contains("trace", StringComparison.OrdinalIgnoreCase) ? "traces"
            : path.Contains("metric", StringComparison.OrdinalIgnoreCase) ? "metrics"
            : path.Contains("log", StringComparison.OrdinalIgnoreCase) ? "logs"
            : "telemetry";
        return (signal, collector, error);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenTelemetry export of {Signal} to {Collector} failed: {Error} ({Unlogged} failure(s) since the last such line not logged; at most one line a minute)")]
    private partial void LogExportFailed(string signal, string collector, string error, int unlogged);

    private sealed class Window
    {
        public long? LastLogged { get; set; }

        public int Unlogged { get; set; }
    }
}
