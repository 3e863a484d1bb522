using Gateway.Configuration;
using Gateway.Exchange;
using Gateway.Runtime;
using Gateway.Surfaces;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Gateway.Security;

/// <summary>
/// Applies the limits of the config in force to each request before anything reads it: the body size (a declared oversize body is
/// answered 413 at once, an undeclared one when reading passes the limit), the minimum body data rate against slow senders, the JSON
/// limits for the parser, and clean values in the <c>x-gateway-*</c> headers the gateway reads. Stamps the config version on the answer.
/// </summary>
internal sealed class RequestGuardMiddleware(RequestDelegate next)
{
    private const string GatewayHeaderPrefix = "x-gateway-";
    private const int MaxGatewayHeaderLength = 256;

    private volatile Applied? _applied;

    public Task InvokeAsync(HttpContext context)
    {
        var config = RequestSnapshot.Of(context).Config;
        var applied = AppliedFor(config.Server);
        context.Response.Headers[GatewayHeaders.ConfigVersion] = config.Version;
        context.Features.Set(applied.Limits);

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = applied.Limits.MaxRequestBytes;
        }

        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = applied.MinDataRate;
        }

        if (context.Request.ContentLength is long declared && declared > applied.Limits.MaxRequestBytes)
        {
            return RefuseTooLargeAsync(context, declared, applied.Limits.MaxRequestBytes);
        }

        if (HeaderProblem(context.Request) is { } problem)
        {
            return ErrorResponses.WriteAsync(context, ApiError.BadRequest(problem, null, "invalid_header"));
        }

        return next(context);
    }

    /// <summary>
    /// Answers 413 for a body declared too large. A body up to twice the limit is read and dropped first, so the client, still sending,
    /// gets the answer rather than a reset connection; a larger one is answered at once and the connection closed.
    /// </summary>
    private static async Task RefuseTooLargeAsync(HttpContext context, long declared, long limit)
    {
        if (declared <= 2 * limit && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = declared;
            await DrainAsync(context.Request.Body, context.RequestAborted);
        }
        else
        {
            context.Response.Headers.Connection = "close";
        }

        await ErrorResponses.WriteAsync(context, RequestLimits.TooLarge(declared, limit));
    }

    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or Microsoft.AspNetCore.Http.BadHttpRequestException or OperationCanceledException)
        {
            // The client stopped sending or left; the answer is still worth trying.
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>What is wrong with an <c>x-gateway-*</c> header value, or null.</summary>
    internal static string? HeaderProblem(HttpRequest request)
    {
        foreach (var (name, values) in request.Headers)
        {
            if (!name.StartsWith(GatewayHeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                // Control characters in any header were refused already, by RequestHeadGuard.
                if (value.Length > MaxGatewayHeaderLength)
                {
                    return $"The header '{name}' is {value.Length} characters long; at most {MaxGatewayHeaderLength} are accepted.";
                }
            }
        }

        return null;
    }

    private Applied AppliedFor(ServerConfig server)
    {
        var applied = _applied;
        if (applied is not null && ReferenceEquals(applied.Server, server))
        {
            return applied;
        }

        applied = new Applied(server, RequestLimits.From(server), new MinDataRate(server.MinRequestBodyRate, server.RequestBodyGrace));
        _applied = applied;
        return applied;
    }

    private sealed record Applied(ServerConfig Server, RequestLimits Limits, MinDataRate MinDataRate);
}
