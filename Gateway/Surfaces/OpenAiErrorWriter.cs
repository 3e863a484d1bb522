using System.Globalization;
using System.Text.Json;
using Gateway.Exchange;
using Gateway.Redaction;

namespace Gateway.Surfaces;

/// <summary>Writes <see cref="ApiError"/>s as OpenAI's error JSON, for answers and for errors inside a stream.</summary>
internal static class OpenAiErrorWriter
{
    /// <summary>
    /// Writes <paramref name="error"/> as the answer, with any configured secret the message may quote masked; with
    /// <paramref name="upstreamWords"/>, the body is the upstream's own <see cref="ApiError.WireError"/> instead of the gateway's.
    /// </summary>
    public static async Task WriteAsync(HttpResponse response, ApiError error, bool upstreamWords = false)
    {
        if (response.HttpContext.RequestServices?.GetService<SecretRedactor>() is { } redactor)
        {
            error = redactor.Redact(error);
        }

        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        if (error.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await response.Body.WriteAsync(upstreamWords && error.WireError is { } wire ? System.Text.Encoding.UTF8.GetBytes(wire) : Serialize(error));
    }

    /// <summary><c>{"error":{"message":...,"type":...,"param":...,"code":...}}</c> as UTF-8.</summary>
    public static byte[] Serialize(ApiError error)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + error.Message.Length);
        using (var json = new Utf8JsonWriter(buffer, Gateway.Backends.WireJson.Writer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", error.Message);
            json.WriteString("type", error.Type);
            WriteNullable(json, "param", error.Param);
            WriteNullable(json, "code", error.Code);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
