using System.Net;
using System.Net.Sockets;
using Gateway.Cli;
using Gateway.Tests.Api;

namespace Gateway.Tests.Cli;

/// <summary>The command line as a user meets it: the built gateway run as a process, its exit code and what it prints.</summary>
public sealed class CommandLineProcessTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("gateway-cli-");

    [Fact]
    public async Task Help_PrintsEveryOptionVariableAndTheConfigLookup_Exits0WithoutStarting()
    {
        await using var gateway = await GatewayProcess.RunAsync(_directory.FullName, ["--help"]);

        Assert.Equal(0, gateway.ExitCode);
        Assert.All(CommandLine.OptionNames, option => Assert.Contains(option, gateway.Stdout, StringComparison.Ordinal));
        Assert.All(
            (string[])["doctor", "GATEWAY_CONFIG", "ASPNETCORE_URLS", "GATEWAY_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AZURE_OPENAI_API_KEY",
                "AZURE_OPENAI_ENDPOINT", "LM_API_TOKEN", "OLLAMA_URL", "CODE_EVOLVER_DEBUG", "OTEL_EXPORTER_OTLP_ENDPOINT", "config/config.yaml", ".env"],
            text => Assert.Contains(text, gateway.Stdout, StringComparison.Ordinal));
        Assert.DoesNotContain("Now listening", gateway.Stdout, StringComparison.Ordinal);
        Assert.Empty(gateway.Stderr);
    }

    [Fact]
    public async Task Version_PrintsTheVersion_Exits0()
    {
        await using var gateway = await GatewayProcess.RunAsync(_directory.FullName, ["--version"]);

        Assert.Equal(0, gateway.ExitCode);
        Assert.StartsWith($"llm-gateway {HelpText.Version}", gateway.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d+\.\d+", HelpText.Version);
    }

    [Fact]
    public async Task UnknownOption_Exits2NamingItAndTheValidOnes_WithoutLoadingTheDefaultConfig()
    {
        Directory.CreateDirectory(Path.Combine(_directory.FullName, "config"));
        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "config", "config.yaml"), "llm:\n  mock: {}\n");

        await using var gateway = await GatewayProcess.RunAsync(_directory.FullName, ["--confg", "mine.yaml"]);

        Assert.Equal(2, gateway.ExitCode);
        Assert.Contains("unknown option '--confg' (did you mean '--config'?)", gateway.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Loaded", gateway.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortInUse_OneLineNamingTheAddressAndHowToChooseAnother_Exits1()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndPoint!).Port}";
        var config = WriteConfig("llm:\n  mock: {}\n");

        await using var gateway = await GatewayProcess.RunAsync(_directory.FullName, ["--config", config, "--urls", address]);

        Assert.Equal(1, gateway.ExitCode);
        var line = Assert.Single(gateway.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"{address} is already in use", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", gateway.Stdout + gateway.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", gateway.Stdout + gateway.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadConfig_Exits1WithFileLineAndColumn()
    {
        var config = WriteConfig("llm:\n  backend: opneai\n  mock: {}\n");

        await using var gateway = await GatewayProcess.RunAsync(_directory.FullName, ["--config", config]);

        Assert.Equal(1, gateway.ExitCode);
        Assert.Contains($"{config}:2:", gateway.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http/json", "does not support OTLP/HTTP with JSON")]
    [InlineData("udp", "not an OTLP protocol the exporter supports")]
    public async Task OtlpProtocolTheExporterLacks_Exits1NamingTheValidProtocols(string protocol, string why)
    {
        var config = WriteConfig("llm:\n  mock: {}\n");

        await using var gateway = await GatewayProcess.RunAsync(
            _directory.FullName, ["--config", config, "--urls", "http://127.0.0.1:0"],
            ("OTEL_EXPORTER_OTLP_ENDPOINT", ClosedPort.Url()), ("OTEL_EXPORTER_OTLP_PROTOCOL", protocol));

        Assert.Equal(1, gateway.ExitCode);
        Assert.Contains($"OTEL_EXPORTER_OTLP_PROTOCOL={protocol}: ", gateway.Stderr, StringComparison.Ordinal);
        Assert.Contains(why, gateway.Stderr, StringComparison.Ordinal);
        Assert.Contains("valid values: grpc, http/protobuf", gateway.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", gateway.Stdout + gateway.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultBackendUnreachableAtStart_OneWarningSayingWhatToDo()
    {
        var config = WriteConfig($"llm:\n  ollama:\n    base_url: \"{ClosedPort.Url()}\"\n    models: {{ generator: \"qwen2.5:0.5b\" }}\n");

        await using var gateway = GatewayProcess.Start(_directory.FullName, ["--config", config, "--urls", "http://127.0.0.1:0"]);
        await gateway.WaitForOutputAsync("does not answer", TimeSpan.FromSeconds(30));

        var warning = Assert.Single(gateway.Stdout.Split('\n'), line => line.Contains("WRN", StringComparison.Ordinal));
        Assert.Contains("The default backend ollama does not answer", warning, StringComparison.Ordinal);
        Assert.Contains("connection refused", warning, StringComparison.Ordinal);
        Assert.Contains("`ollama pull qwen2.5:0.5b`", warning, StringComparison.Ordinal);
        Assert.Contains("--config config/config.demo.yaml", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultBackendAnswersAtStart_NoWarning()
    {
        var config = WriteConfig("llm:\n  mock: {}\n");

        await using var gateway = GatewayProcess.Start(_directory.FullName, ["--config", config, "--urls", "http://127.0.0.1:0"]);
        await gateway.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(30));
        await Task.Delay(500);

        Assert.DoesNotContain("WRN", gateway.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_AllWell_Exits0()
    {
        var config = WriteConfig("llm:\n  mock: {}\n");

        await using var gateway = await GatewayProcess.RunAsync(_directory.FullName, ["doctor", "--config", config]);

        Assert.Equal(0, gateway.ExitCode);
        Assert.Contains("mock", gateway.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_UnreachableBackend_Exits1()
    {
        var config = WriteConfig($"llm:\n  ollama:\n    base_url: \"{ClosedPort.Url()}\"\n");

        await using var gateway = await GatewayProcess.RunAsync(_directory.FullName, ["doctor", "--config", config]);

        Assert.Equal(1, gateway.ExitCode);
        Assert.Contains("connection refused", gateway.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_MissingConfig_Exits1SayingWhereItLooked()
    {
        await using var gateway = await GatewayProcess.RunAsync(_directory.FullName, ["doctor"]);

        Assert.Equal(1, gateway.ExitCode);
        Assert.Contains(Path.Combine(_directory.FullName, "config", "config.yaml"), gateway.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private string WriteConfig(string yaml)
    {
        var path = Path.Combine(_directory.FullName, $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
