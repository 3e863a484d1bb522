using Gateway.Backends;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Surfaces;

/// <summary>How every surface starts its answers: a whole JSON body, or a committed event stream; and the upstream's own headers.</summary>
internal static class SurfaceAnswers
{
    public static async Task WriteJsonAsync(HttpResponse response, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, cancellationToken);
    }

    /// <summary>Commits the response to a stream: status, content type, no caching and no proxy buffering.</summary>
    public static void StartEventStream(HttpResponse response, string contentType = "text/event-stream")
    {
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>
    /// The upstream's answer headers that the client's protocol gives meaning to (<see cref="NativeRequest.AnswerHeaders"/>), for an
    /// answer a backend gave in that protocol itself.
    /// </summary>
    public static void PassUpstreamHeaders(HttpResponse response)
    {
        foreach (var (name, value) in response.HttpContext.Features.Get<NativeRequest>()?.AnswerHeaders ?? [])
        {
            response.Headers[name] = value;
        }
    }
}
