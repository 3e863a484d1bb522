using Gateway.Exchange;
using Gateway.Runtime;
using Gateway.Surfaces;

namespace Gateway.Security;

/// <summary>
/// When <c>tokens_per_minute</c> is set, records what a request costs before the rate limiter sees it: from <c>Content-Length</c>, or,
/// for a body sent without one (chunked), by buffering it once (bounded by <c>max_request_bytes</c>) and counting.
/// </summary>
internal sealed class TokenEstimateMiddleware(RequestDelegate next)
{
    private const int MemoryThreshold = 64 * 1024;

    public Task InvokeAsync(HttpContext context) =>
        RequestSnapshot.Of(context).Config.Server.RateLimit?.TokensPerMinute is null ? next(context) : EstimateAsync(context);

    private async Task EstimateAsync(HttpContext context)
    {
        var request = context.Request;
        var bytes = request.ContentLength;
        if (bytes is null && HasBody(request))
        {
            var limit = RequestLimits.For(context).MaxRequestBytes;
            try
            {
                request.EnableBuffering(MemoryThreshold, limit);
                bytes = await CountAsync(request.Body, context.RequestAborted);
                request.Body.Position = 0;
            }
            catch (Exception e) when (e is IOException or BadHttpRequestException)
            {
                await ErrorResponses.WriteAsync(context, e is BadHttpRequestException { StatusCode: not StatusCodes.Status413PayloadTooLarge } bad
                    ? ApiError(bad)
                    : RequestLimits.TooLarge(null, limit));
                return;
            }
        }

        context.Features.Set(RequestCost.FromBytes(bytes ?? 0));
        await next(context);
    }

    private static bool HasBody(HttpRequest request) =>
        request.Headers.TransferEncoding.Count > 0 || HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method);

    private static Gateway.Exchange.ApiError ApiError(BadHttpRequestException e) => new(e.StatusCode, $"The request body could not be read: {e.Message}", null, "invalid_request");

    private static async Task<long> CountAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}
