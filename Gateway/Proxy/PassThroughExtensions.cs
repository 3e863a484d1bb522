namespace Gateway.Proxy;

/// <summary>Registers and maps the native pass-through, <c>/proxy/&lt;backend&gt;/&lt;native path&gt;</c>.</summary>
internal static class PassThroughExtensions
{
    public const string Route = "/proxy/{backend}/{**path}";

    public static IServiceCollection AddGatewayPassThrough(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.AddSingleton<PassThroughForwarder>();
        return services;
    }

    public static WebApplication MapGatewayPassThrough(this WebApplication app)
    {
        app.Map(Route, (HttpContext context, string backend, string? path, PassThroughForwarder forwarder) => forwarder.ForwardAsync(context, backend, path))
            .ExcludeFromDescription(); // any method, any native path: described in the README, not expressible as OpenAPI operations
        return app;
    }
}
