using Gateway.Api;

namespace Gateway.Security;

/// <summary>
/// Refusals raised before a request reaches its endpoint (no key, too many requests, a bad header), in the shape the caller expects:
/// OpenAI's error JSON under <c>/v1</c>, RFC 9457 ProblemDetails elsewhere.
/// </summary>
internal static class SecurityErrors
{
    public static Task WriteAsync(HttpContext context, ApiError error)
    {
        if (context.Request.Path.StartsWithSegments("/v1"))
        {
            GatewayHeaders.Set(context.Response, null, null, 0);
            return OpenAiErrorWriter.WriteAsync(context.Response, error);
        }

        if (error.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        return Results.Problem(statusCode: error.Status, detail: error.Message, extensions: extensions).ExecuteAsync(context);
    }

    public static ApiError MissingKey() => new(
        401,
        "This gateway requires an API key: send it as 'Authorization: Bearer <key>' (the api_key of an OpenAI SDK) or as 'x-api-key: <key>'.",
        null,
        "invalid_api_key");

    public static ApiError WrongKey() => new(
        401,
        "The API key is not one of this gateway's keys (server.api_keys). Check the key your client sends.",
        null,
        "invalid_api_key");
}
