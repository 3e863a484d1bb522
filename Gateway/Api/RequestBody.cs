using System.Text.Json;

namespace Gateway.Api;

/// <summary>Reads a request body as JSON, answering malformed or oversized bodies with a clear 4xx instead of an exception.</summary>
internal static class RequestBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static async Task<(JsonDocument? Document, ApiError? Error)> ReadJsonAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(http.Body, Options, cancellationToken);
            return (document, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : string.Empty;
            var what = http.ContentLength is 0 ? "The request body is empty; send a JSON object." : $"The request body is not valid JSON{where}: {FirstSentence(e.Message)}";
            return (null, ApiError.BadRequest(what, null, "invalid_json"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, new ApiError(413, "The request body is larger than this gateway accepts.", null, "request_too_large"));
        }
        catch (BadHttpRequestException e)
        {
            return (null, new ApiError(e.StatusCode, $"The request body could not be read: {e.Message}", null, "invalid_request"));
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
