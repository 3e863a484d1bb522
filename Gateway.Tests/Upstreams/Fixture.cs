using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Tests.Upstreams;

/// <summary>Small edits applied to verbatim fixtures so a default answer can echo what was asked for.</summary>
internal static class Fixture
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON string literal (quoted and escaped) for <paramref name="value"/>.</summary>
    public static string JsonString(string value) => JsonSerializer.Serialize(value, Relaxed);

    /// <summary>
    /// Replaces every <c>"field":"from"</c> in a compact fixture with <c>"field":"to"</c> (e.g. to echo the requested model).
    /// Returns the fixture unchanged when <paramref name="to"/> is null.
    /// </summary>
    public static string WithField(string payload, string field, string from, string? to) =>
        to is null
            ? payload
            : payload.Replace($"\"{field}\":\"{from}\"", $"\"{field}\":{JsonString(to)}", StringComparison.Ordinal);

    /// <summary><see cref="WithField"/> applied to each raw event or line.</summary>
    public static IEnumerable<string> WithField(IEnumerable<string> payloads, string field, string from, string? to) =>
        payloads.Select(payload => WithField(payload, field, from, to));
}
