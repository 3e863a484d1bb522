using System.Net;
using Gateway.Backends.Mock;

namespace Gateway.Dispatch;

/// <summary>
/// The one transport setup of every call to an upstream (chat, embeddings, readiness probes, doctor, the pass-through): pooled
/// connections recycled every few minutes (so DNS changes are seen), a bounded connect, no cookies, no automatic decompression, no
/// redirects, the machine's proxy settings (<c>HTTPS_PROXY</c>, <c>NO_PROXY</c>). Registered as named <see cref="IHttpClientFactory"/>
/// clients whose handlers live as long as the process (the pool recycles connections itself) and log nothing per request.
/// </summary>
internal static class UpstreamTransport
{
    /// <summary>The client the dispatchers and probes send with; requests for the built-in mock are answered in process.</summary>
    public const string Dispatch = "upstream";

    public static SocketsHttpHandler Create() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        EnableMultipleHttp2Connections = true,
    };

    /// <summary>Registers the <see cref="Dispatch"/> client and the <see cref="UpstreamClient"/> built on it.</summary>
    public static IServiceCollection AddUpstreamTransport(this IServiceCollection services)
    {
        services.AddHttpClient(Dispatch)
            .ConfigurePrimaryHttpMessageHandler(provider => new MockRoutingHandler(new MockHandler(provider.GetRequiredService<TimeProvider>()), Create()))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // each attempt carries its own
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddSingleton(provider => new UpstreamClient(provider.GetRequiredService<IHttpClientFactory>().CreateClient(Dispatch)));
        return services;
    }
}
