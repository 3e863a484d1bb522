using System.Text.Json;

namespace Gateway.Backends;

/// <summary>
/// Reads upstream error bodies: OpenAI's shape <c>{"error":{"message","type","param","code"}}</c> (Azure adds <c>status</c> and
/// <c>innererror</c> and may send <c>"code":"429"</c> without a type) and Ollama's <c>{"error":"text"}</c>. Bodies of neither shape are
/// described instead: an HTML page from a proxy, plain text.
/// </summary>
internal static class UpstreamErrorBody
{
    /// <param name="details">Reads extra detail from the error object to append to the message (Azure's content-filter categories).</param>
    /// <param name="keepBody">Keep the body as <see cref="UpstreamFailure.WireError"/>, for a client that speaks the upstream's protocol itself.</param>
    public static async Task<UpstreamFailure> ReadFailureAsync(
        HttpResponseMessage response, TimeProvider time, Func<JsonElement, string?>? details, CancellationToken cancellationToken, bool keepBody = false)
    {
        var text = await UpstreamBody.ReadErrorTextAsync(response, cancellationToken);
        var status = (int)response.StatusCode;
        string? message = null, code = null;
        if (TryParseObject(text, out var document))
        {
            using (document)
            {
                if (document.RootElement.TryGetProperty("error", out var error) && TryRead(error, out var upstreamMessage, out code))
                {
                    message = details?.Invoke(error) is { Length: > 0 } extra ? $"{upstreamMessage} ({extra})" : upstreamMessage;
                }
            }
        }

        return new UpstreamFailure
        {
            Kind = FailureKind.Status,
            StatusCode = status,
            Message = message ?? $"upstream answered {status} with {UpstreamBody.Describe(response, text)}",
            Code = code,
            RetryAfter = RetryAfter.From(response, time),
            WireError = keepBody ? text : null,
        };
    }

    /// <summary>Reads <c>message</c> and <c>code</c> (else <c>type</c>) of an <c>error</c> value: an object, or a bare string some servers send.</summary>
    public static bool TryRead(JsonElement error, out string message, out string? code)
    {
        message = string.Empty;
        code = null;
        if (error.ValueKind == JsonValueKind.String)
        {
            message = error.GetString()!;
            return message.Length > 0;
        }

        if (error.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        code = Text(error, "code") ?? Text(error, "type");
        message = Text(error, "message") ?? string.Empty;
        if (message.Length == 0)
        {
            message = code is null ? "upstream reported an error without a message" : $"upstream reported error '{code}' without a message";
        }

        return true;
    }

    private static string? Text(JsonElement error, string property)
    {
        if (!error.TryGetProperty(property, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static bool TryParseObject(string text, out JsonDocument document)
    {
        document = null!;
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || trimmed[0] != '{')
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            document.Dispose();
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
