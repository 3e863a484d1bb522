using System.ClientModel;
using Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;

namespace Gateway.Tests.Api;

/// <summary>
/// The gateway itself, built exactly as <c>Program</c> builds it, listening on a free loopback port with a config written to a temp file.
/// </summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _configPath;

    private GatewayHarness(WebApplication app, string configPath, string url)
    {
        _app = app;
        _configPath = configPath;
        Url = url;
        Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The gateway's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the gateway with <paramref name="yaml"/> as its config. Provider key variables (<c>OPENAI_API_KEY</c>, ...) of the machine are
    /// hidden from it, so tests behave the same wherever they run; <paramref name="environment"/> adds variables of the test's own.
    /// <paramref name="configure"/> runs after the harness's own settings (warnings-only logging), e.g. to plug in a log or span collector.
    /// </summary>
    public static async Task<GatewayHarness> StartAsync(
        string yaml, IReadOnlyDictionary<string, string>? environment = null, Action<WebApplicationBuilder>? configure = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gateway-test-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, yaml);
        var app = GatewayApp.Build(
            ["--config", path, "--urls", "http://127.0.0.1:0"],
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                configure?.Invoke(builder);
            },
            name => environment?.GetValueOrDefault(name));
        await app.StartAsync();
        return new GatewayHarness(app, path, app.Urls.First());
    }

    /// <summary>An official OpenAI SDK client pointed at the gateway, as a user would configure it.</summary>
    public OpenAIClient OpenAI(string apiKey = "client-key-not-forwarded") =>
        new(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(Url + "/v1"), NetworkTimeout = TimeSpan.FromSeconds(30) });

    public ChatClient Chat(string model) => OpenAI().GetChatClient(model);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(_configPath);
    }
}
