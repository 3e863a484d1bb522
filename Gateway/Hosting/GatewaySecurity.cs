using Gateway.Configuration;
using Gateway.Redaction;
using Gateway.Runtime;
using Gateway.Security;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Gateway.Hosting;

/// <summary>
/// Access and limits: refuses to listen beyond loopback without keys, and wires the key check, the request limits, the rate limiter,
/// secret redaction and the config watcher.
/// </summary>
internal static class GatewaySecurity
{
    /// <summary>Throws <see cref="ConfigException"/> when the listen addresses reach beyond loopback and no key guards them.</summary>
    public static WebApplicationBuilder AddGatewaySecurity(this WebApplicationBuilder builder, GatewayConfig config)
    {
        var listen = ListenAddresses.From(builder.Configuration);
        if (listen.Refusal(config.Server) is { } refusal)
        {
            throw new ConfigException($"{config.SourcePath}: server: {refusal}");
        }

        var services = builder.Services;
        services.AddSingleton(listen);
        services.AddSingleton<SecretRedactor>();
        services.AddOptions<ProblemDetailsOptions>().Configure<SecretRedactor>(RedactedProblems.Apply);
        services.AddSingleton(new ConfigWatchOptions());
        services.AddSingleton<ConfigReloader>();
        services.AddHostedService(provider => provider.GetRequiredService<ConfigReloader>());
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, GatewayCorsPolicies>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure(GatewayRateLimits.Configure);

        // The startup values; each request then gets the values of the config in force (RequestGuardMiddleware), so a reload applies.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = config.Server.MaxRequestBytes;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(config.Server.MinRequestBodyRate, config.Server.RequestBodyGrace);
            RequestHeadGuard.ConfigureKestrel(kestrel);
        });
        return builder;
    }

    /// <summary>
    /// The request head's size and characters, then the key check, then the limits, then the rate limiter; all before any endpoint reads
    /// the request. The token estimate and the rate limiter run only while the config in force sets <c>server.rate_limit</c>; a gateway without limits skips both, and builds
    /// neither until a limit is configured (<see cref="OnDemandBranch"/>).
    /// </summary>
    public static WebApplication UseGatewaySecurity(this WebApplication app)
    {
        app.UseMiddleware<RequestHeadGuard>();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseMiddleware<RequestGuardMiddleware>();
        app.UseWhenOnDemand(context => RequestSnapshot.Of(context).Config.Server.RateLimit is not null, limited =>
        {
            limited.UseMiddleware<TokenEstimateMiddleware>();
            limited.UseRateLimiter();
        });
        return app;
    }

    /// <summary>
    /// What keeps web pages from using the gateway behind the user's back: the <c>Host</c> check and cross-site refusals, then CORS
    /// (answering the preflights of <c>server.cors_origins</c>), then JSON-only bodies; before the key check, as preflights carry no key.
    /// </summary>
    public static WebApplication UseBrowserGuards(this WebApplication app)
    {
        app.UseMiddleware<BrowserGuardMiddleware>();
        app.UseCors();
        app.UseMiddleware<JsonBodyMiddleware>();
        return app;
    }
}
