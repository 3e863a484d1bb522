using System.Net;
using Gateway.Backends;
using Gateway.Backends.Anthropic;
using Gateway.Backends.Azure;
using Gateway.Backends.Mock;
using Gateway.Backends.Ollama;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using Gateway.Dispatch;
using Gateway.Health;
using Gateway.Proxy;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Selection;

namespace Gateway.Hosting;

/// <summary>Registers the gateway's services: the config snapshot, routing state, protocols and dispatchers.</summary>
internal static class GatewayServices
{
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder, GatewayConfig config)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(config);
        services.AddSingleton<EndpointHealth>();
        services.AddSingleton<EndpointPools>();
        services.AddSingleton<GatewayRuntime>();

        services.AddSingleton<IBackendProtocol, OpenAiCompatibleProtocol>();
        services.AddSingleton<IBackendProtocol, AzureOpenAiProtocol>();
        services.AddSingleton<IBackendProtocol, OllamaProtocol>();
        services.AddSingleton<IBackendProtocol, AnthropicProtocol>();
        services.AddSingleton<IBackendProtocol, MockProtocol>();
        services.AddSingleton<BackendProtocols>();

        // Requests for the built-in mock are answered in process; everything else goes out over the real transport.
        services.AddSingleton(sp => new UpstreamClient(new MockRoutingHandler(new MockHandler(sp.GetRequiredService<TimeProvider>()), UpstreamTransport())));
        services.AddSingleton<AttemptStarter>();
        services.AddSingleton<AttemptPipelines>();
        services.AddSingleton<AttemptRunner>();
        services.AddSingleton<ChatDispatcher>();
        services.AddSingleton<EmbeddingsDispatcher>();
        services.AddSingleton<BackendHealthChecker>();
        services.AddGatewayPassThrough();
        services.AddSingleton<SelectorCache>();
        return builder;
    }

    /// <summary>
    /// The transport for real upstreams: pooled connections recycled every few minutes (so DNS changes are seen), no cookies,
    /// no automatic decompression, no redirects. Kept identical to <see cref="UpstreamClient"/>'s own default transport.
    /// </summary>
    private static SocketsHttpHandler UpstreamTransport() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        EnableMultipleHttp2Connections = true,
    };
}
