using System.Diagnostics;
using Gateway.Dispatch;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>Registers and maps the native pass-through, <c>/proxy/&lt;backend&gt;/&lt;native path&gt;</c>.</summary>
internal static class PassThroughExtensions
{
    public const string Route = "/proxy/{backend}/{**path}";

    /// <summary>The named client whose handler the forwarder sends with: the upstream transport, trace headers set the way YARP sets them.</summary>
    public const string ClientName = "pass-through";

    public static IServiceCollection AddGatewayPassThrough(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.AddHttpClient(ClientName)
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                var transport = UpstreamTransport.Create();
                transport.ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current);
                return transport;
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddSingleton<PassThroughForwarder>();
        return services;
    }

    public static WebApplication MapGatewayPassThrough(this WebApplication app)
    {
        app.Map(Route, (HttpContext context, string backend, string? path, PassThroughForwarder forwarder) => forwarder.ForwardAsync(context, backend, path))
            .ExcludeFromDescription(); // any method, any native path: the API document gets it from PassThroughDocumentFilter
        return app;
    }
}
