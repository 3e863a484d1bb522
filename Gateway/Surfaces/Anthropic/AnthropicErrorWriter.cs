using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Redaction;

namespace Gateway.Surfaces.Anthropic;

/// <summary>
/// Writes <see cref="ApiError"/>s as Anthropic's error JSON (<c>{"type":"error","error":{"type","message"}}</c>), whose
/// <c>error.type</c> the Anthropic SDKs turn into typed exceptions, with a <c>request-id</c> header as Anthropic's API sends.
/// </summary>
internal static class AnthropicErrorWriter
{
    public const string RequestIdHeader = "request-id";

    /// <summary>Anthropic's answer header that overrides the SDKs' own choice to retry.</summary>
    public const string ShouldRetryHeader = "x-should-retry";

    /// <summary>
    /// A refusal the same request would meet again (bad input, a wrong key, an unknown model), the gateway's own or an Anthropic
    /// upstream's passed on: not worth a retry. A timeout, a conflict, a rate limit and server errors are left to the client's judgement.
    /// </summary>
    private static bool IsFinal(ApiError error) => error.Status is >= 400 and < 500 and not (408 or 409 or 429);

    /// <summary>Writes <paramref name="error"/> as the answer, with any configured secret the message may quote masked.</summary>
    public static async Task WriteAsync(HttpResponse response, ApiError error)
    {
        if (response.HttpContext.RequestServices?.GetService<SecretRedactor>() is { } redactor)
        {
            error = redactor.Redact(error);
        }

        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        response.Headers[RequestIdHeader] = RequestId();
        if (IsFinal(error))
        {
            // The Anthropic SDKs (and Claude Code) retry a 401 or a 400 with growing waits unless told otherwise.
            response.Headers[ShouldRetryHeader] = "false";
        }

        if (error.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await response.Body.WriteAsync(Serialize(error));
    }

    /// <summary>
    /// <c>{"type":"error","error":{"type":...,"message":...}}</c> as UTF-8; the upstream's own error JSON as it sent it, when it speaks
    /// this protocol (<see cref="ApiError.WireError"/>), since Claude Code's recovery matches on its wording.
    /// </summary>
    public static byte[] Serialize(ApiError error)
    {
        if (error.WireError is { } wire)
        {
            return System.Text.Encoding.UTF8.GetBytes(wire);
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128 + error.Message.Length);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            json.WriteString("type", "error");
            json.WriteStartObject("error");
            json.WriteString("type", TypeFor(error.Status));
            json.WriteString("message", error.Message);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Anthropic's <c>error.type</c> for an HTTP status, as its SDKs map them.</summary>
    public static string TypeFor(int status) => status switch
    {
        401 => "authentication_error",
        402 => "billing_error",
        403 => "permission_error",
        404 => "not_found_error",
        409 => "conflict_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        504 => "timeout_error",
        529 => "overloaded_error",
        >= 400 and < 500 => "invalid_request_error",
        _ => "api_error",
    };

    public static string RequestId() => "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
