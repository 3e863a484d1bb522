using System.Runtime.InteropServices;
using System.Text.Json;
using Gateway.Exchange;

namespace Gateway.Surfaces;

/// <summary>
/// Reads a request body as JSON, answering malformed or oversized bodies with a clear 4xx instead of an exception: not JSON, nested
/// deeper than <c>server.max_json_depth</c>, not valid Unicode, or larger than <c>server.max_request_bytes</c>.
/// </summary>
internal static class RequestBody
{
    public static async Task<(JsonDocument? Document, ApiError? Error)> ReadJsonAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var limits = RequestLimits.For(http.HttpContext);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Body, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth }, cancellationToken);
        }
        catch (JsonException e)
        {
            return (null, ApiError.BadRequest(Describe(e, http, limits), null, "invalid_json"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, RequestLimits.TooLarge(null, limits.MaxRequestBytes));
        }
        catch (BadHttpRequestException e)
        {
            return (null, new ApiError(e.StatusCode, $"The request body could not be read: {e.Message}", null, "invalid_request"));
        }

        if (JsonText.UnicodeProblem(JsonMarshal.GetRawUtf8Value(document.RootElement)) is { } problem)
        {
            document.Dispose();
            return (null, ApiError.BadRequest(problem, null, "invalid_json"));
        }

        return (document, null);
    }

    private static string Describe(JsonException e, HttpRequest http, RequestLimits limits)
    {
        if (http.ContentLength is 0)
        {
            return "The request body is empty; send a JSON object.";
        }

        var where = e.LineNumber is long line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : string.Empty;
        if (e.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"The request body nests objects and arrays deeper than {limits.MaxJsonDepth} levels{where}, the most this gateway accepts (server.max_json_depth).";
        }

        return $"The request body is not valid JSON{where}: {FirstSentence(e.Message)}";
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
