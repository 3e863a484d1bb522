using Gateway.Exchange;
using Gateway.Surfaces;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Api;

/// <summary>
/// Errors the framework raises itself (unknown routes, wrong methods; unhandled exceptions are <see cref="UnhandledExceptionHandler"/>'s)
/// in the right shape for where they happen: OpenAI's error JSON under <c>/v1</c>, RFC 9457 ProblemDetails elsewhere.
/// </summary>
internal static class ErrorShapes
{
    /// <summary>The <c>/v1</c> routes and the one method each answers, for telling a wrong method (405) from a wrong path (404).</summary>
    private static readonly (string Path, string Method)[] V1Routes =
    [
        ("/v1/chat/completions", "POST"),
        ("/v1/messages", "POST"),
        ("/v1/messages/count_tokens", "POST"),
        ("/v1/embeddings", "POST"),
        ("/v1/models", "GET"),
    ];

    public static Task UnknownV1RouteAsync(HttpContext context)
    {
        var request = context.Request;
        foreach (var (path, method) in V1Routes)
        {
            if (request.Path.Equals(path, StringComparison.OrdinalIgnoreCase) || (method == "GET" && request.Path.StartsWithSegments(path)))
            {
                context.Response.Headers.Allow = method;
                return ErrorResponses.WriteAsync(context, new ApiError(405, $"Method {request.Method} is not allowed on {request.Path}; use {method}.", null, "method_not_allowed"));
            }
        }

        return ErrorResponses.WriteAsync(context, new ApiError(404, $"Unknown endpoint: {request.Method} {request.Path}. This gateway serves POST /v1/chat/completions, POST /v1/messages, POST /v1/messages/count_tokens, POST /v1/embeddings and GET /v1/models.", null, "unknown_url"));
    }

    public static Task WriteStatusCodeAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var code = context.Response.StatusCode;
        if (ErrorResponses.IsAnthropicMessages(context))
        {
            return Surfaces.Anthropic.AnthropicErrorWriter.WriteAsync(
                context.Response, new ApiError(code, $"{context.Request.Method} {context.Request.Path} answered {code}.", null, null));
        }

        if (IsV1(context))
        {
            var message = code == 405
                ? $"Method {context.Request.Method} is not allowed on {context.Request.Path}."
                : $"{context.Request.Method} {context.Request.Path} answered {code}.";
            return OpenAiErrorWriter.WriteAsync(context.Response, new ApiError(code, message, null, code == 405 ? "method_not_allowed" : null));
        }

        return Results.Problem(statusCode: code, detail: $"{context.Request.Method} {context.Request.Path}").ExecuteAsync(context);
    }

    public static bool IsV1(HttpContext context) => context.Request.Path.StartsWithSegments("/v1");
}
