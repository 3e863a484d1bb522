using Gateway.Runtime;
using Gateway.Surfaces;

namespace Gateway.Security;

/// <summary>
/// Keeps web pages the user opens from using the gateway behind the user's back, before CORS and the key check run:
/// <list type="bullet">
/// <item>a <c>Host</c> the config does not accept (<see cref="BrowserAccess.AllowsHost"/>) is refused, so a page that rebinds its own
/// name to 127.0.0.1 cannot read answers; the probes (<c>GET /health</c>, <c>/health/ready</c>) answer any host, as orchestrators probe
/// by address;</item>
/// <item>a CORS preflight from an origin <c>server.cors_origins</c> does not list is refused (CORS is off by default);</item>
/// <item>the pass-through (<c>/proxy</c>), which forwards whatever body the native API takes, refuses a page of another origin not
/// listed there, and a cross-site request (<c>Sec-Fetch-Site: cross-site</c>) that names no listed origin.</item>
/// </list>
/// </summary>
internal sealed class BrowserGuardMiddleware(RequestDelegate next, ListenAddresses listen)
{
    private const string FetchSite = "Sec-Fetch-Site";

    private readonly bool _loopbackOnly = listen.BeyondLoopback.Count == 0;

    public Task InvokeAsync(HttpContext context)
    {
        var server = RequestSnapshot.Of(context).Config.Server;
        var request = context.Request;
        if (!ApiKeyMiddleware.IsProbe(request) && !BrowserAccess.AllowsHost(server, _loopbackOnly, request.Host.Host))
        {
            return ErrorResponses.WriteAsync(context, BrowserErrors.HostNotAllowed(request.Host.Host, _loopbackOnly));
        }

        var origin = request.Headers.Origin.ToString();
        var foreign = origin.Length > 0 && !IsSameOrigin(request, origin) && !BrowserAccess.AllowsOrigin(server, origin);
        if (foreign && IsPreflight(request))
        {
            return ErrorResponses.WriteAsync(context, BrowserErrors.OriginNotAllowed(origin));
        }

        if (IsPassThrough(request) && (foreign || (origin.Length == 0 && request.Headers[FetchSite] == "cross-site")))
        {
            return ErrorResponses.WriteAsync(context, BrowserErrors.CrossSite(origin.Length > 0 ? origin : null));
        }

        return next(context);
    }

    internal static bool IsPassThrough(HttpRequest request) => request.Path.StartsWithSegments("/proxy");

    private static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");

    /// <summary>A page the gateway serves itself (the Swagger UI) sends its own origin: <c>scheme://host[:port]</c> of the request.</summary>
    private static bool IsSameOrigin(HttpRequest request, string origin)
    {
        var scheme = request.Scheme;
        var host = request.Host.Value ?? "";
        return origin.Length == scheme.Length + 3 + host.Length
            && origin.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && origin.AsSpan(scheme.Length).StartsWith("://")
            && origin.EndsWith(host, StringComparison.OrdinalIgnoreCase);
    }
}
