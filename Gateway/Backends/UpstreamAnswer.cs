using System.Text;
using System.Text.Json;

namespace Gateway.Backends;

/// <summary>
/// Reads a successful (2xx) non-streamed answer with a size bound, and words what is wrong when it is not the JSON the protocol promises
/// (an HTML page from a proxy, a body cut short).
/// </summary>
internal static class UpstreamAnswer
{
    public static async Task<Outcome<byte[]>> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await UpstreamBody.ReadAsync(response, UpstreamBody.MaxAnswerBytes, cancellationToken);
        if (body is null)
        {
            return Protocol(response, $"an answer larger than {UpstreamBody.MaxAnswerBytes / (1024 * 1024)} MiB");
        }

        return Outcome<byte[]>.Ok(body);
    }

    /// <summary>Parses <paramref name="body"/>; <paramref name="expected"/> names what it should have been (<c>a chat completion</c>).</summary>
    public static Outcome<JsonDocument> Parse(HttpResponseMessage response, byte[] body, string expected)
    {
        try
        {
            return Outcome<JsonDocument>.Ok(JsonDocument.Parse(body));
        }
        catch (JsonException e)
        {
            return NotJson(response, body, expected, e);
        }
    }

    /// <summary>The failure for a body that does not parse as JSON.</summary>
    public static UpstreamFailure NotJson(HttpResponseMessage response, ReadOnlySpan<byte> body, string expected, JsonException? error)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var start = body.TrimStart(" \t\r\n"u8);
        if (start.IsEmpty)
        {
            return Protocol(response, $"an empty body instead of {expected}");
        }

        if (mediaType is "text/html" || start[0] == (byte)'<')
        {
            return Protocol(response, $"an HTML page ({mediaType ?? "no content type"}) instead of {expected}");
        }

        if (start[0] is not ((byte)'{' or (byte)'['))
        {
            var preview = UpstreamBody.Describe(response, Encoding.UTF8.GetString(start[..Math.Min(start.Length, 512)]));
            return Protocol(response, $"text that is not JSON instead of {expected}: {preview}");
        }

        var where = error is { LineNumber: { } line, BytePositionInLine: { } position } ? $" (line {line + 1}, byte {position})" : string.Empty;
        return Protocol(response, $"truncated or malformed JSON instead of {expected}{where}");
    }

    /// <summary>The failure for valid JSON of the wrong shape, e.g. an object without <c>choices</c>.</summary>
    public static UpstreamFailure WrongShape(HttpResponseMessage response, string what) => Protocol(response, what);

    private static UpstreamFailure Protocol(HttpResponseMessage response, string what) => new()
    {
        Kind = FailureKind.Protocol,
        StatusCode = (int)response.StatusCode,
        Message = $"upstream answered {(int)response.StatusCode} with {what}",
    };
}
