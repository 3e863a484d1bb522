using System.Collections.Concurrent;
using System.Diagnostics;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Gateway.Telemetry;

/// <summary>
/// The one completion line per request. It names where the request went and what it used, never what it said: no prompt, no answer,
/// no headers, no query string, and endpoints by host only (a URL may carry credentials).
/// <para>
/// A dispatched request's line is written straight to the app's Serilog logger as one event: its template is parsed once and its
/// properties go into a table of the right size. Through Microsoft.Extensions.Logging the same line cost every request about 2 KB
/// and several microseconds more (each value bound through the framework's state, the event id rebuilt, the property table regrown).
/// It reaches the same sinks, through the same redaction, at the same level settings as every other line.
/// </para>
/// </summary>
internal sealed partial class RequestLog(Serilog.ILogger serilog)
{
    public const string Category = "Gateway.Requests";

    private const string DispatchedTemplate = "{Method} {Path} {StatusCode} {Outcome} in {DurationMs:0.0} ms (gateway {OverheadMs:0.000} ms): "
        + "{Backend} {Model} at {EndpointHost} after {Attempts} attempt(s); tokens {PromptTokens} in, {CompletionTokens} out{Estimated}; "
        + "cost {CostUsd} USD; client {Client}";

    /// <summary>The template's 15 properties, the category, the event id, and room for what enrichers add (the server's connection id).</summary>
    private const int DispatchedProperties = 20;

    private static readonly MessageTemplate Template = new MessageTemplateParser().Parse(DispatchedTemplate);

    private static readonly ScalarValue CategoryValue = new(Category);

    private static readonly StructureValue DispatchedId = new([new LogEventProperty("Id", new ScalarValue(1)), new LogEventProperty("Name", new ScalarValue("Dispatched"))]);

    private static readonly ConcurrentDictionary<string, string> Hosts = new(StringComparer.Ordinal);

    private readonly Serilog.ILogger _log = serilog.ForContext(Constants.SourceContextPropertyName, Category);

    /// <summary>The line of a request that was dispatched to a backend (chat, embeddings, tools), at Information.</summary>
    public void Dispatched(
        string method, string path, int statusCode, string outcome, double durationMs, double overheadMs, string backend, string model,
        string endpointHost, int attempts, long promptTokens, long completionTokens, bool estimated, string costUsd, string client)
    {
        if (!_log.IsEnabled(LogEventLevel.Information))
        {
            return;
        }

        var properties = new Dictionary<string, LogEventPropertyValue>(DispatchedProperties, StringComparer.Ordinal)
        {
            ["Method"] = new ScalarValue(method),
            ["Path"] = new ScalarValue(path),
            ["StatusCode"] = new ScalarValue(statusCode),
            ["Outcome"] = new ScalarValue(outcome),
            ["DurationMs"] = new ScalarValue(durationMs),
            ["OverheadMs"] = new ScalarValue(overheadMs),
            ["Backend"] = new ScalarValue(backend),
            ["Model"] = new ScalarValue(model),
            ["EndpointHost"] = new ScalarValue(endpointHost),
            ["Attempts"] = new ScalarValue(attempts),
            ["PromptTokens"] = new ScalarValue(promptTokens),
            ["CompletionTokens"] = new ScalarValue(completionTokens),
            ["Estimated"] = new ScalarValue(estimated ? " (estimated)" : ""),
            ["CostUsd"] = new ScalarValue(costUsd),
            ["Client"] = new ScalarValue(client),
            [Constants.SourceContextPropertyName] = CategoryValue,
            ["EventId"] = DispatchedId,
        };

        var activity = Activity.Current;
        _log.Write(LogEvent.UnstableAssembleFromParts(
            DateTimeOffset.Now, LogEventLevel.Information, null, Template, properties, activity?.TraceId ?? default, activity?.SpanId ?? default));
    }

    [LoggerMessage(EventId = 2, Message = "{Method} {Path} {StatusCode} in {DurationMs:0.0} ms; client {Client}")]
    public static partial void Served(ILogger logger, LogLevel level, string method, string path, int statusCode, double durationMs, string client);

    /// <summary><c>host:port</c> of an endpoint URL, without user info, path or query.</summary>
    public static string HostOf(string endpoint) =>
        Hosts.GetOrAdd(endpoint, static url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Host}:{uri.Port}" : "unknown");
}
