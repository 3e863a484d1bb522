using System.Diagnostics;
using Gateway.Cli;
using Gateway.Hosting;
using static Gateway.Tests.Configuration.ConfigFixture;

using Gateway.Tests.Api;
using Gateway.Tests.Harness;

namespace Gateway.Tests.Deployment;

/// <summary><c>Gateway --health-check</c>, the container's HEALTHCHECK: exit 0 when /health answers 2xx, 1 otherwise, with the reason.</summary>
public sealed class HealthCheckCommandTests
{
    [Fact]
    public void Parse_WithoutTheFlag_IsNotAHealthCheck()
    {
        Assert.Equal(CommandKind.Serve, CommandLine.Parse(["--config", "x.yaml"], Environment()).Kind);
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:8080/health")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/health")]
    [InlineData("http://+:9000;http://localhost:9001", "http://127.0.0.1:9000/health")]
    [InlineData("http://*:7000", "http://127.0.0.1:7000/health")]
    [InlineData("http://[::]:7001", "http://127.0.0.1:7001/health")]
    [InlineData("http://10.1.2.3:6000", "http://10.1.2.3:6000/health")]
    public void Parse_FlagAlone_AsksHealthOnTheFirstListenAddress(string? urls, string expected)
    {
        var environment = urls is null ? Environment() : Environment(("ASPNETCORE_URLS", urls));

        var command = CommandLine.Parse(["--health-check"], environment);

        Assert.Equal(CommandKind.HealthCheck, command.Kind);
        Assert.Equal(expected, command.HealthUrl);
    }

    [Fact]
    public void Parse_FlagWithAUrl_AsksThatUrl()
    {
        var command = CommandLine.Parse(["--health-check", "http://127.0.0.1:1234/health"], Environment());

        Assert.Equal(CommandKind.HealthCheck, command.Kind);
        Assert.Equal("http://127.0.0.1:1234/health", command.HealthUrl);
    }

    [Fact]
    public async Task RunAsync_GatewayAnswers_Exit0()
    {
        await using var gateway = await TestGateway.StartAsync("llm:\n  mock: {}\n");
        using var error = new StringWriter();

        var exit = await HealthCheckCommand.RunAsync(gateway.Url + "/health", error);

        Assert.Equal(0, exit);
        Assert.Empty(error.ToString());
    }

    [Fact]
    public async Task RunAsync_NothingListens_Exit1SayingItIsUnreachable()
    {
        using var error = new StringWriter();

        var exit = await HealthCheckCommand.RunAsync(ClosedPort.Url() + "/health", error);

        Assert.Equal(1, exit);
        Assert.Contains("is unreachable (connection refused)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Non2xxAnswer_Exit1WithTheStatus()
    {
        await using var gateway = await TestGateway.StartAsync($"llm:\n  ollama:\n    base_url: \"{ClosedPort.Url()}\"\n");
        using var error = new StringWriter();

        var exit = await HealthCheckCommand.RunAsync(gateway.Url + "/health/backends", error);

        Assert.Equal(1, exit);
        Assert.Contains("answered HTTP 503", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NotAUrl_Exit1()
    {
        using var error = new StringWriter();

        Assert.Equal(1, await HealthCheckCommand.RunAsync("ftp://127.0.0.1/health", error));
        Assert.Contains("not an absolute http(s) URL", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_HealthCheckFlag_ExitsWithTheResultWithoutStartingAGateway()
    {
        await using var gateway = await TestGateway.StartAsync("llm:\n  mock: {}\n");

        var healthy = await RunGatewayAsync("--health-check", gateway.Url + "/health");
        var unhealthy = await RunGatewayAsync("--health-check", ClosedPort.Url() + "/health");

        Assert.Equal(0, healthy);
        Assert.Equal(1, unhealthy);
    }

    /// <summary>Runs the built Gateway.dll the way the Dockerfile's HEALTHCHECK does: <c>dotnet Gateway.dll …</c>.</summary>
    private static async Task<int> RunGatewayAsync(params string[] args)
    {
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gateway.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        await drain;
        return process.ExitCode;
    }
}
