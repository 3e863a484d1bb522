using Gateway.Hosting;
using Gateway.Tests.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace Gateway.Tests.Hosting;

/// <summary>What the gateway turns off in ASP.NET Core's defaults, and that nothing it needs went with it.</summary>
public sealed class HostDefaultsTests : IDisposable
{
    private readonly string _config = WriteConfig();

    [Fact]
    public async Task Build_HostSettingsFiles_NotWatched()
    {
        await using var app = GatewayApp.Build(["--config", _config], environment: _ => null);

        var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, $"{file.Source.Path} is watched"));
    }

    [Fact]
    public async Task Build_HostingDiagnosticsCategory_DisabledAtEveryLevel()
    {
        await using var app = GatewayApp.Build(["--config", _config], environment: _ => null);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Critical));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware").IsEnabled(LogLevel.Error));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public async Task UnhandledException_StillLoggedWithItsException()
    {
        var logs = new LogCapture();
        await using var app = GatewayApp.Build(["--config", _config, "--urls", "http://127.0.0.1:0"], builder =>
        {
            logs.AttachTo(builder);
            builder.Services.AddSingleton<IStartupFilter, ThrowingTail>();
        }, _ => null);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await http.GetAsync("/throws-past-every-endpoint");

        Assert.Equal(500, (int)response.StatusCode);
        var logged = Assert.Single(logs.Events, e => e.Exception is InvalidOperationException { Message: ThrowingTail.Message });
        Assert.Equal(LogEventLevel.Error, logged.Level);
    }

    public void Dispose() => File.Delete(_config);

    private static string WriteConfig()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gateway-host-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "llm:\n  backend: ollama\n  ollama:\n    base_url: \"http://127.0.0.1:1\"\n");
        return path;
    }

    /// <summary>Ends the pipeline with a middleware that throws, as a bug in any endpoint would.</summary>
    private sealed class ThrowingTail : IStartupFilter
    {
        public const string Message = "a bug past every endpoint";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(_ => throw new InvalidOperationException(Message));
        };
    }
}
