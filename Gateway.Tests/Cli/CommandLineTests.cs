using Gateway.Cli;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_NoArguments_Serves()
    {
        var command = CommandLine.Parse([], Environment());

        Assert.Equal(CommandKind.Serve, command.Kind);
        Assert.Empty(command.HostArgs);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--urls", "http://127.0.0.1:9000", "--help")]
    [InlineData("--help", "--urls", "http://127.0.0.1:9000")]
    [InlineData("--help", "--confg", "x.yaml")]
    [InlineData("doctor", "--help")]
    public void Parse_HelpAnywhere_IsHelp(params string[] args)
    {
        Assert.Equal(CommandKind.Help, CommandLine.Parse(args, Environment()).Kind);
    }

    [Fact]
    public void Parse_Version_IsVersion()
    {
        Assert.Equal(CommandKind.Version, CommandLine.Parse(["--version"], Environment()).Kind);
    }

    [Fact]
    public void Parse_GatewayOptions_HandedToTheHostInKeyValueForm()
    {
        var command = CommandLine.Parse(["--config=my.yaml", "--urls", "http://127.0.0.1:9000", "--log-format", "json"], Environment());

        Assert.Equal(CommandKind.Serve, command.Kind);
        Assert.Equal(["--config", "my.yaml", "--urls", "http://127.0.0.1:9000", "--log-format", "json"], command.HostArgs);
        Assert.Equal("my.yaml", command.Option("--config"));
    }

    [Fact]
    public void Parse_AspNetCoreSetting_HandedToTheHost()
    {
        var command = CommandLine.Parse(["--Kestrel:Limits:MaxConcurrentConnections", "100"], Environment());

        Assert.Equal(CommandKind.Serve, command.Kind);
        Assert.Equal(["--Kestrel:Limits:MaxConcurrentConnections", "100"], command.HostArgs);
    }

    [Fact]
    public void Parse_MisspeltOption_InvalidNamingItTheClosestAndTheValidOnes()
    {
        var command = CommandLine.Parse(["--confg", "x.yaml"], Environment());

        Assert.Equal(CommandKind.Invalid, command.Kind);
        Assert.Contains("unknown option '--confg'", command.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean '--config'", command.Error, StringComparison.Ordinal);
        Assert.All(CommandLine.OptionNames, option => Assert.Contains(option, command.Error, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--config")]
    [InlineData("--config", "--urls", "http://127.0.0.1:9000")]
    [InlineData("--urls=")]
    public void Parse_OptionWithoutItsValue_InvalidAndTheNextOptionIsNotTakenAsTheValue(params string[] args)
    {
        var command = CommandLine.Parse(args, Environment());

        Assert.Equal(CommandKind.Invalid, command.Kind);
        Assert.Contains("needs a value", command.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("-c")]
    [InlineData("/config")]
    public void Parse_StrayArgument_Invalid(string arg)
    {
        var command = CommandLine.Parse([arg], Environment());

        Assert.Equal(CommandKind.Invalid, command.Kind);
        Assert.Contains($"'{arg}'", command.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DoctorWithConfig_DoctorReadingThatFile()
    {
        var command = CommandLine.Parse(["doctor", "--config", "my.yaml"], Environment());

        Assert.Equal(CommandKind.Doctor, command.Kind);
        Assert.Equal("my.yaml", command.Option("--config"));
    }

    [Fact]
    public void Parse_DoctorWithAStrayArgument_InvalidSayingWhatDoctorTakes()
    {
        var command = CommandLine.Parse(["doctor", "now"], Environment());

        Assert.Equal(CommandKind.Invalid, command.Kind);
        Assert.Contains("doctor takes --config", command.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Failed to bind to address http://127.0.0.1:8080: address already in use.", "http://127.0.0.1:8080", "--urls http://127.0.0.1:8081")]
    [InlineData("Failed to bind to address http://[::1]:9000: address already in use.", "http://[::1]:9000", "--urls http://[::1]:9001")]
    public void AddressInUse_KestrelsMessage_OneLineNamingTheAddressAndAnother(string kestrel, string address, string other)
    {
        var line = ServeCommand.AddressInUse(kestrel);

        Assert.Contains($"{address} is already in use", line, StringComparison.Ordinal);
        Assert.Contains(other, line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }
}
