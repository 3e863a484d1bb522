using Gateway.Api;
using Gateway.Configuration;
using Gateway.Runtime;

namespace Gateway.Hosting;

/// <summary>Builds the gateway application; <c>Program</c> runs it and the tests host it on loopback.</summary>
internal static partial class GatewayApp
{
    /// <summary>
    /// Builds the app from command-line <paramref name="args"/>; <paramref name="environment"/> is where <c>${VAR}</c> and provider keys
    /// are looked up (the process environment unless given). Throws <see cref="ConfigException"/> for a bad config.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var builder = WebApplication.CreateBuilder([.. args, NoFileWatcher]);
        var config = builder.AddGatewayConfiguration(environment);
        builder.AddGatewayLogging(config, environment);
        builder.AddGatewaySecurity(config);
        builder.AddGatewayObservability(environment);
        builder.AddGatewaySwagger();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseRequestSnapshot();
        app.UseGatewayObservability();
        app.UseGatewayErrors();
        app.UseBrowserGuards();
        app.UseGatewaySecurity();
        app.UseGatewaySwagger();
        app.MapGatewayApi();
        LogStartup(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway"), config);
        return app;
    }

    /// <summary>
    /// The host's own <c>appsettings.json</c> watcher is off: the gateway reloads its YAML by polling (<see cref="ConfigReloader"/>), and
    /// a directory watcher in the working directory wakes a thread for every write there, a log file's included.
    /// </summary>
    private const string NoFileWatcher = "--hostBuilder:reloadConfigOnChange=false";

    private static void LogStartup(ILogger logger, GatewayConfig config)
    {
        LogConfigLoaded(logger, config.SourcePath, config.Llm.DefaultBackend, string.Join(", ", config.Llm.Backends.Keys));
        foreach (var warning in config.Warnings)
        {
            LogConfigWarning(logger, warning);
        }

        if (Security.LiteralKeyWarning.For(config) is { } exposed)
        {
            LogConfigWarning(logger, exposed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Path}: default backend {DefaultBackend}; configured backends: {Backends}")]
    private static partial void LogConfigLoaded(ILogger logger, string path, string defaultBackend, string backends);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Config: {Warning}")]
    private static partial void LogConfigWarning(ILogger logger, string warning);
}
