using System.Text.Json;

namespace Gateway.Backends.Anthropic;

/// <summary>
/// Reads Anthropic errors: <c>{"type":"error","error":{"type","message"},"request_id"}</c>, as a non-2xx body or as an
/// <c>event: error</c> inside a stream that already answered 200.
/// </summary>
internal static class AnthropicErrorReader
{
    /// <param name="keepBody">Keep the body as <see cref="UpstreamFailure.WireError"/>, for a client that speaks the Messages API itself.</param>
    public static async Task<UpstreamFailure> ReadAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken, bool keepBody = false)
    {
        var status = (int)response.StatusCode;
        var text = await UpstreamBody.ReadErrorTextAsync(response, cancellationToken);
        var retryAfter = RetryAfter.From(response, time);
        if (TryParse(text, out var type, out var message))
        {
            return new UpstreamFailure
            {
                Kind = FailureKind.Status,
                StatusCode = status,
                Code = type,
                Message = message ?? $"Anthropic answered HTTP {status} ({type ?? "no error type"})",
                RetryAfter = retryAfter,
                WireError = keepBody ? text : null,
            };
        }

        return new UpstreamFailure
        {
            Kind = FailureKind.Status,
            StatusCode = status,
            Message = $"Anthropic answered HTTP {status} with {UpstreamBody.Describe(response, text)}",
            RetryAfter = retryAfter,
        };
    }

    /// <summary>
    /// The failure an error object that came with HTTP 200 stands for: an in-stream <c>event: error</c>, or an error body under a
    /// success status. Its status is the one the same error has outside a stream (529 for <c>overloaded_error</c>, 429 for
    /// <c>rate_limit_error</c>), so retry and fallback treat both alike.
    /// </summary>
    public static UpstreamFailure FromErrorJson(JsonElement root)
    {
        Read(root, out var type, out var message);
        return new UpstreamFailure
        {
            Kind = FailureKind.Status,
            StatusCode = StatusFor(type),
            Code = type,
            Message = message ?? $"Anthropic reported {type ?? "an error"} in the middle of the stream",
        };
    }

    /// <summary>The HTTP status Anthropic documents for an error type; 500 for types it does not list.</summary>
    public static int StatusFor(string? errorType) => errorType switch
    {
        "invalid_request_error" => 400,
        "authentication_error" => 401,
        "billing_error" => 402,
        "permission_error" => 403,
        "not_found_error" => 404,
        "request_too_large" => 413,
        "rate_limit_error" => 429,
        "timeout_error" => 504,
        "overloaded_error" => 529,
        _ => 500,
    };

    private static bool TryParse(string text, out string? type, out string? message)
    {
        type = null;
        message = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return Read(document.RootElement, out type, out message);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads <c>error.type</c> and <c>error.message</c> (a bare string <c>error</c> as the message), with the request id appended.</summary>
    private static bool Read(JsonElement root, out string? type, out string? message)
    {
        type = null;
        message = null;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error))
        {
            return false;
        }

        if (error.ValueKind == JsonValueKind.String)
        {
            message = error.GetString();
        }
        else if (error.ValueKind == JsonValueKind.Object)
        {
            type = StringOf(error, "type");
            message = StringOf(error, "message");
        }
        else
        {
            return false;
        }

        if (message is not null && StringOf(root, "request_id") is { } requestId)
        {
            message = $"{message} (request_id {requestId})";
        }

        return true;
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
