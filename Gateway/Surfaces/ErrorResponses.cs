using Gateway.Exchange;

namespace Gateway.Surfaces;

/// <summary>
/// Writes an error in the shape of the surface the request addressed: OpenAI's error JSON under <c>/v1</c>, RFC 9457 ProblemDetails
/// elsewhere. Refusals raised before a request reaches its endpoint (no key, too many requests, a bad header) and the pass-through use it.
/// </summary>
internal static class ErrorResponses
{
    /// <summary>The Anthropic Messages surface (<c>/v1/messages</c> and below), whose errors are Anthropic's.</summary>
    public static bool IsAnthropicMessages(HttpContext context) => context.Request.Path.StartsWithSegments("/v1/messages");

    public static Task WriteAsync(HttpContext context, ApiError error)
    {
        if (IsAnthropicMessages(context))
        {
            GatewayHeaders.Set(context.Response, null, null, 0);
            return Anthropic.AnthropicErrorWriter.WriteAsync(context.Response, error);
        }

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
}
