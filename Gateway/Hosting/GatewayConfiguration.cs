using Gateway.Configuration;

namespace Gateway.Hosting;

/// <summary>The startup contract: where the config file is, where to listen, and the <c>.env</c> file.</summary>
internal static class GatewayConfiguration
{
    public const string DefaultConfigPath = "config/config.yaml";
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Loads <c>.env</c> from the working directory into the environment, never overriding what is already set.</summary>
    public static void LoadDotEnv() => DotEnvFile.Apply(Path.Combine(Directory.GetCurrentDirectory(), ".env"));

    /// <summary>The config file's full path: <paramref name="option"/> (<c>--config</c>), else <c>GATEWAY_CONFIG</c>, else the default.</summary>
    public static string ConfigPath(string? option, Func<string, string?> environment)
    {
        var path = option;
        if (string.IsNullOrWhiteSpace(path))
        {
            path = environment("GATEWAY_CONFIG");
        }

        return Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? DefaultConfigPath : path);
    }

    /// <summary>
    /// Reads and validates the config named by <c>--config</c>, else <c>GATEWAY_CONFIG</c>, else <c>config/config.yaml</c>, and listens on
    /// <c>http://127.0.0.1:8080</c> unless <c>--urls</c>/<c>ASPNETCORE_URLS</c> say otherwise. Throws <see cref="ConfigException"/>.
    /// </summary>
    public static GatewayConfig AddGatewayConfiguration(this WebApplicationBuilder builder, Func<string, string?> environment)
    {
        var fullPath = ConfigPath(builder.Configuration["config"], environment);
        var config = ConfigLoader.Load(fullPath, environment);
        builder.Services.AddSingleton(new ConfigSource(fullPath, environment));

        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddGatewayServices(config);
        return config;
    }
}
