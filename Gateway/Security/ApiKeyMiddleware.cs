using Gateway.Configuration;
using Gateway.Runtime;
using Gateway.Surfaces;

namespace Gateway.Security;

/// <summary>
/// When <c>server.api_keys</c> holds any key, every request but the probes (<c>GET /health</c>, <c>GET /health/ready</c>, the warm-up
/// <c>HEAD /</c> and <c>HEAD /api/hello</c>) must present one of them; others get 401 without reaching any endpoint (so unknown paths
/// reveal nothing either). The presented key is never logged, echoed or forwarded.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next)
{
    private volatile KeyRingFor? _ring;

    public Task InvokeAsync(HttpContext context)
    {
        var server = RequestSnapshot.Of(context).Config.Server;
        if (!server.RequiresKey || IsProbe(context.Request))
        {
            return next(context);
        }

        var ring = RingFor(server);
        var bearer = PresentedKey.BearerToken(context.Request);
        var apiKey = PresentedKey.ApiKey(context.Request);
        var index = bearer.IsEmpty ? -1 : ring.Match(bearer);
        if (index < 0 && !apiKey.IsEmpty)
        {
            index = ring.Match(apiKey);
        }

        if (index < 0)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return ErrorResponses.WriteAsync(context, bearer.IsEmpty && apiKey.IsEmpty ? SecurityErrors.MissingKey() : SecurityErrors.WrongKey());
        }

        context.Features.Set(ClientIdentity.Key(index));
        return next(context);
    }

    /// <summary>
    /// <c>GET /health</c> and <c>GET /health/ready</c> answer everyone, as orchestrators probe without keys: they say only that the
    /// process is alive and can serve. So does the warm-up probe clients such as Claude Code send first (<c>HEAD /</c>,
    /// <c>HEAD /api/hello</c>). <c>/health/backends</c>, which names endpoints, needs a key.
    /// </summary>
    internal static bool IsProbe(HttpRequest request) =>
        ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && (request.Path.Equals("/health", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/health/ready", StringComparison.OrdinalIgnoreCase)))
        || (HttpMethods.IsHead(request.Method) && (request.Path.Equals("/", StringComparison.Ordinal) || request.Path.Equals("/api/hello", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The digests of the config in force, computed once per config (a reload brings new ones).</summary>
    private ClientKeyRing RingFor(ServerConfig server)
    {
        var cached = _ring;
        if (cached is not null && ReferenceEquals(cached.Server, server))
        {
            return cached.Ring;
        }

        var ring = new ClientKeyRing(server.ApiKeys);
        _ring = new KeyRingFor(server, ring);
        return ring;
    }

    private sealed record KeyRingFor(ServerConfig Server, ClientKeyRing Ring);
}
