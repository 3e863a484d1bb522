using System.Collections.Concurrent;

namespace Gateway.Telemetry;

/// <summary>
/// The one completion line per request. It names where the request went and what it used, never what it said: no prompt, no answer,
/// no headers, no query string, and endpoints by host only (a URL may carry credentials).
/// </summary>
internal static partial class RequestLog
{
    public const string Category = "Gateway.Requests";

    private static readonly ConcurrentDictionary<string, string> Hosts = new(StringComparer.Ordinal);

    [LoggerMessage(EventId = 1, Message = "{Method} {Path} {StatusCode} {Outcome} in {DurationMs:0.0} ms (gateway {OverheadMs:0.000} ms): "
        + "{Backend} {Model} at {EndpointHost} after {Attempts} attempt(s); tokens {PromptTokens} in, {CompletionTokens} out{Estimated}; "
        + "cost {CostUsd} USD; client {Client}")]
    public static partial void Dispatched(
        ILogger logger, LogLevel level, string method, string path, int statusCode, string outcome, double durationMs, double overheadMs,
        string backend, string model, string endpointHost, int attempts, long promptTokens, long completionTokens, string estimated,
        string costUsd, string client);

    [LoggerMessage(EventId = 2, Message = "{Method} {Path} {StatusCode} in {DurationMs:0.0} ms; client {Client}")]
    public static partial void Served(ILogger logger, LogLevel level, string method, string path, int statusCode, double durationMs, string client);

    /// <summary><c>host:port</c> of an endpoint URL, without user info, path or query.</summary>
    public static string HostOf(string endpoint) =>
        Hosts.GetOrAdd(endpoint, static url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Host}:{uri.Port}" : "unknown");
}
