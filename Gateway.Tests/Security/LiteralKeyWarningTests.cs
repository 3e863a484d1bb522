using Gateway.Tests.Harness;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Security;

/// <summary>
/// A config file with keys written out that other users can read draws a startup warning that names where, never what.
/// (Unix file modes: on Windows the check does not apply.)
/// </summary>
public sealed class LiteralKeyWarningTests
{
    private const string Literal = "sk-literal-in-file-0123456789";
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode WorldReadable = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [Fact]
    public async Task Startup_LiteralKeyInAWorldReadableFile_WarnsWithPathsAndWithoutTheKey()
    {
        await using var gateway = await TestGateway.For(Yaml($"\"{Literal}\"")).WithConfigFileMode(WorldReadable).LogAt(LogLevel.Information).StartAsync();

        var warning = await gateway.Logs.WaitForAsync(line => line.Contains("other users of this machine can read it", StringComparison.Ordinal));

        Assert.Contains("llm.openai.api_key (line 4)", warning, StringComparison.Ordinal);
        Assert.Contains("chmod 600", warning, StringComparison.Ordinal);
        Assert.Contains(gateway.ConfigPath, warning, StringComparison.Ordinal);
        Assert.DoesNotContain(Literal, gateway.Logs.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"" + Literal + "\"", Private)]
    [InlineData("\"${OPENAI_KEY}\"", WorldReadable)]
    public async Task Startup_PrivateFileOrReferencedKey_NoWarning(string apiKey, UnixFileMode mode)
    {
        await using var gateway = await TestGateway.For(Yaml(apiKey))
            .WithVariable("OPENAI_KEY", Literal).WithConfigFileMode(mode).LogAt(LogLevel.Information).StartAsync();

        Assert.Contains(gateway.Logs.Lines, line => line.Contains("Loaded", StringComparison.Ordinal));
        Assert.DoesNotContain(gateway.Logs.Lines, line => line.Contains("can read it", StringComparison.Ordinal));
    }

    private static string Yaml(string apiKey) => $"""
        llm:
          backend: openai
          openai:
            api_key: {apiKey}
        """;
}
