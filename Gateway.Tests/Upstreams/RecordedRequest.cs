using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Gateway.Tests.Upstreams;

/// <summary>A request as a <see cref="StubUpstream"/> received it, recorded before it was answered.</summary>
internal sealed class RecordedRequest
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lazy<JsonElement?> _json;
    private volatile bool _clientAborted;

    public RecordedRequest(int number, string method, string path, string queryString, IReadOnlyDictionary<string, string> headers, string body)
    {
        Number = number;
        Method = method;
        Path = path;
        QueryString = queryString;
        Headers = headers;
        Body = body;
        _json = new Lazy<JsonElement?>(() => ParseOrNull(body));
    }

    /// <summary>1 for the first request the stub received, 2 for the second, …</summary>
    public int Number { get; }

    public string Method { get; }

    /// <summary>The path without the query, e.g. <c>/v1/chat/completions</c>.</summary>
    public string Path { get; }

    /// <summary>The raw query including the leading <c>?</c>, or empty.</summary>
    public string QueryString { get; }

    /// <summary>Request headers, looked up case-insensitively; repeated headers are joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as UTF-8 text (empty when there was none).</summary>
    public string Body { get; }

    /// <summary>True when the client went away before the stub finished answering. Meaningful once <see cref="Completion"/> is done.</summary>
    public bool ClientAborted => _clientAborted;

    /// <summary>Completes when the stub is done with the request: answered, dropped, or abandoned by the client.</summary>
    public Task Completion => _completion.Task;

    /// <summary>True when the body parsed as JSON.</summary>
    public bool HasJsonBody => _json.Value.HasValue;

    /// <summary>The body parsed as JSON; throws when the body is not JSON, saying what it was.</summary>
    public JsonElement Json => _json.Value
        ?? throw new InvalidOperationException($"Request #{Number} {Method} {Path} has no JSON body; it was: '{Shorten(Body)}'.");

    /// <summary>A header value, or null when absent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>One value of the query string (e.g. <c>api-version</c>), or null when absent.</summary>
    public string? Query(string name)
    {
        var values = QueryHelpers.ParseQuery(QueryString);
        return values.TryGetValue(name, out var value) ? value.ToString() : null;
    }

    /// <summary>A top-level string property of a JSON body, or null when the body is not JSON or the property is absent or not a string.</summary>
    public string? JsonString(string property) =>
        _json.Value is { ValueKind: JsonValueKind.Object } root
        && root.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A top-level boolean property of a JSON body, or null when absent or not a boolean.</summary>
    public bool? JsonBool(string property) =>
        _json.Value is { ValueKind: JsonValueKind.Object } root
        && root.TryGetProperty(property, out var value)
        && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    /// <summary>A top-level property of a JSON object body, or null when absent.</summary>
    public JsonElement? JsonProperty(string property) =>
        _json.Value is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(property, out var value) ? value : null;

    public override string ToString() => $"#{Number} {Method} {Path}{QueryString}";

    internal void Complete(bool clientAborted)
    {
        _clientAborted = clientAborted;
        _completion.TrySetResult();
    }

    private static JsonElement? ParseOrNull(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
