using Gateway.Configuration;
using Gateway.Security;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Security.Browser;

/// <summary><c>server.allowed_hosts</c> and <c>server.cors_origins</c>: read, normalized, and a bad entry stops startup saying what is valid.</summary>
public sealed class BrowserConfigTests
{
    private const string Llm = "llm:\n  ollama: {}\n";

    [Fact]
    public void Parse_HostsAndOrigins_ReadLowerCaseOriginsAsBrowsersSendThem()
    {
        var server = Parse(Llm + """
            server:
              allowed_hosts: ["Gateway.Internal", "*.corp.example", "[fd00::1]", "10.0.0.7"]
              cors_origins: ["https://App.Example.com", "http://localhost:3000", "https://x.example:443"]
            """).Server;

        Assert.Equal(["gateway.internal", "*.corp.example", "[fd00::1]", "10.0.0.7"], server.AllowedHosts);
        Assert.Equal(["https://app.example.com", "http://localhost:3000", "https://x.example"], server.CorsOrigins);
    }

    [Theory]
    [InlineData("allowed_hosts: [\"gateway.internal:8080\"]", "server.allowed_hosts[0]: 'gateway.internal:8080' holds a port")]
    [InlineData("allowed_hosts: [\"http://gateway.internal\"]", "without scheme or path")]
    [InlineData("allowed_hosts: [\"bad host\"]", "is not a host name")]
    [InlineData("allowed_hosts: \"gateway.internal\"", "expected a list of host names")]
    [InlineData("cors_origins: [\"https://app.example.com/\"]", "server.cors_origins[0]: 'https://app.example.com/' is not an origin: write scheme, host and port only")]
    [InlineData("cors_origins: [\"app.example.com\"]", "e.g. \"https://app.example.com\"")]
    [InlineData("cors_origins: [\"https://app.example.com/ui\"]", "no path")]
    public void Parse_BadEntry_StartupErrorWithLineAndWhatIsValid(string setting, string expected)
    {
        var message = ParseError(Llm + "server:\n  " + setting + "\n");

        Assert.Contains("test.yaml:4:", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "", "localhost", true)]
    [InlineData(true, "", "LOCALHOST.", true)]
    [InlineData(true, "", "app.localhost", true)]
    [InlineData(true, "", "127.0.0.1", true)]
    [InlineData(true, "", "127.1.2.3", true)]
    [InlineData(true, "", "[::1]", true)]
    [InlineData(true, "", "rebind.evil.example", false)]
    [InlineData(true, "", "localhost.evil.example", false)]
    [InlineData(true, "", "192.168.1.10", false)]
    [InlineData(true, "gateway.internal", "Gateway.Internal", true)]
    [InlineData(true, "*.corp.example", "a.b.corp.example", true)]
    [InlineData(true, "*.corp.example", "corp.example", false)]
    [InlineData(true, "*.corp.example", "evilcorp.example", false)]
    [InlineData(true, "*", "anything.example", true)]
    [InlineData(false, "", "10.0.0.7", true)]
    [InlineData(false, "gateway.internal", "10.0.0.7", false)]
    [InlineData(false, "gateway.internal", "gateway.internal", true)]
    [InlineData(false, "gateway.internal", "localhost", true)]
    public void AllowsHost_BindAndAllowedHosts_LoopbackNamesAlwaysListedNamesWhenSet(bool loopbackOnly, string allowed, string host, bool expected)
    {
        var server = new ServerConfig { AllowedHosts = allowed.Length == 0 ? [] : [allowed] };

        Assert.Equal(expected, BrowserAccess.AllowsHost(server, loopbackOnly, host));
    }
}
