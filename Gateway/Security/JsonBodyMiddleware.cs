using Gateway.Surfaces;
using Microsoft.Net.Http.Headers;

namespace Gateway.Security;

/// <summary>
/// A POST, PUT or PATCH must send its body as JSON (<c>application/json</c> or any <c>+json</c> type, with or without a charset), or
/// it is refused 415. A web page can send <c>text/plain</c>, a form or a multipart body to any address without asking first; JSON
/// needs a CORS preflight, which only the origins of <c>server.cors_origins</c> pass. The pass-through (<c>/proxy</c>) is exempt: it
/// forwards whatever the backend's native API takes, and <see cref="BrowserGuardMiddleware"/> refuses cross-site callers there instead.
/// </summary>
internal sealed class JsonBodyMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method))
            || BrowserGuardMiddleware.IsPassThrough(request) || IsJson(request.ContentType))
        {
            return next(context);
        }

        return ErrorResponses.WriteAsync(context, BrowserErrors.UnsupportedMediaType(request.ContentType));
    }

    internal static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase) && type.Type.Equals("application", StringComparison.OrdinalIgnoreCase)));
}
