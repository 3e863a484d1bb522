using System.ClientModel;
using System.Net.Http.Headers;
using Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using Serilog.Core;

namespace Gateway.Tests.Security;

/// <summary>
/// The real gateway on a free loopback port, built as <c>Program</c> builds it, with what security tests need on top: the config file
/// to edit, every log line, extra services, and clients that present a gateway key.
/// </summary>
internal sealed class SecurityHarness : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SecurityHarness(WebApplication app, string configPath, LogCapture logs)
    {
        _app = app;
        ConfigPath = configPath;
        Logs = logs;
        Url = app.Urls.First();
        Http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Url { get; }

    /// <summary>A client that presents no key.</summary>
    public HttpClient Http { get; }

    public string ConfigPath { get; }

    public LogCapture Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the gateway with <paramref name="yaml"/>. The config file is looked at every <paramref name="watchInterval"/> (by default
    /// so rarely that it never reloads during a test). <paramref name="configure"/> may replace services; <paramref name="fileMode"/>
    /// sets the config file's permissions (Unix).
    /// </summary>
    public static async Task<SecurityHarness> StartAsync(
        string yaml,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<WebApplicationBuilder>? configure = null,
        TimeSpan? watchInterval = null,
        UnixFileMode? fileMode = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gateway-security-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, yaml);
        if (fileMode is { } mode && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        var logs = new LogCapture();
        var app = GatewayApp.Build(
            ["--config", path, "--urls", "http://127.0.0.1:0"],
            builder =>
            {
                builder.Services.AddSingleton<ILogEventSink>(logs);
                builder.Services.AddSingleton(new ConfigWatchOptions { Interval = watchInterval ?? TimeSpan.FromHours(1) });
                configure?.Invoke(builder);
            },
            name => environment?.GetValueOrDefault(name));
        await app.StartAsync();
        return new SecurityHarness(app, path, logs);
    }

    /// <summary>A client that sends <paramref name="key"/> as <c>Authorization: Bearer</c>.</summary>
    public HttpClient WithBearer(string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>An official OpenAI SDK client pointed at the gateway with <paramref name="apiKey"/>.</summary>
    public OpenAIClient OpenAI(string apiKey) =>
        new(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(Url + "/v1"), NetworkTimeout = TimeSpan.FromSeconds(30) });

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(ConfigPath);
    }
}
