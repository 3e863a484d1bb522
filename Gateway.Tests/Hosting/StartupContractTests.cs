using Gateway.Configuration;
using Gateway.Hosting;
using Gateway.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Hosting;

public sealed class StartupContractTests : IDisposable
{
    private readonly string _first = WriteConfig("first");
    private readonly string _second = WriteConfig("second");

    [Fact]
    public async Task Build_ConfigArgument_LoadsThatFile()
    {
        await using var app = GatewayApp.Build(["--config", _first], environment: Env(("GATEWAY_CONFIG", _second)));

        Assert.Equal(_first, LoadedPath(app));
    }

    [Fact]
    public async Task Build_NoArgumentButGatewayConfigVariable_LoadsTheVariablesFile()
    {
        await using var app = GatewayApp.Build([], environment: Env(("GATEWAY_CONFIG", _second)));

        Assert.Equal(_second, LoadedPath(app));
    }

    [Fact]
    public void Build_NeitherArgumentNorVariable_LooksForConfigYamlInTheWorkingDirectory()
    {
        var error = Assert.Throws<ConfigException>(() => GatewayApp.Build([], environment: Env()));

        Assert.Contains(Path.GetFullPath(GatewayConfiguration.DefaultConfigPath), error.Message, StringComparison.Ordinal);
        Assert.Contains("--config", error.Message, StringComparison.Ordinal);
        Assert.Contains("GATEWAY_CONFIG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_NoUrlsGiven_ListensOnLoopback8080()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");

        await using var app = GatewayApp.Build(["--config", _first], environment: Env());

        Assert.Equal(string.IsNullOrEmpty(fromEnvironment) ? "http://127.0.0.1:8080" : fromEnvironment, app.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Fact]
    public async Task Build_UrlsArgument_OverridesTheDefault()
    {
        await using var app = GatewayApp.Build(["--config", _first, "--urls", "http://127.0.0.1:9191"], environment: Env());

        Assert.Equal("http://127.0.0.1:9191", app.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Fact]
    public void Build_InvalidConfig_ThrowsWithFileLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gateway-bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "llm:\n  backend: ollama\n  fallback_backends: [\"opneai\"]\n  ollama: {}\n");
        try
        {
            var error = Assert.Throws<ConfigException>(() => GatewayApp.Build(["--config", path], environment: Env()));

            Assert.StartsWith($"{path}:3:", error.Message, StringComparison.Ordinal);
            Assert.Contains("opneai", error.Message, StringComparison.Ordinal);
            Assert.Contains("did you mean 'openai'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public void Dispose()
    {
        File.Delete(_first);
        File.Delete(_second);
    }

    private static string LoadedPath(WebApplication app) => app.Services.GetRequiredService<GatewayRuntime>().Current.Config.SourcePath;

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static string WriteConfig(string label)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gateway-{label}-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "llm:\n  backend: ollama\n  ollama:\n    base_url: \"http://127.0.0.1:1\"\n");
        return path;
    }
}
