using Gateway.Configuration;
using Gateway.Hosting;
using Gateway.Security;

namespace Gateway.Tests.Security;

/// <summary>Listening beyond loopback without gateway keys refuses to start unless <c>server.allow_anonymous</c> says it is intended.</summary>
public sealed class ListenRefusalTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://127.0.0.2:8080", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("https://LOCALHOST:8443/", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://unix:/run/gateway.sock", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://192.168.1.20:8080", false)]
    [InlineData("http://gateway.example.com:8080", false)]
    public void IsLoopback_Url_OnlyLocalAddresses(string url, bool loopback) =>
        Assert.Equal(loopback, ListenAddresses.IsLoopback(url));

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://127.0.0.1:0;http://*:0")]
    public void Build_BeyondLoopbackWithoutKeys_RefusesNamingBothSettings(string urls)
    {
        var message = Assert.Throws<ConfigException>(() => Build(urls, "")).Message;

        Assert.Contains("server.api_keys", message, StringComparison.Ordinal);
        Assert.Contains("server.allow_anonymous: true", message, StringComparison.Ordinal);
        Assert.Contains(urls.Split(';')[^1], message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_KestrelEndpointBeyondLoopbackWithoutKeys_Refuses()
    {
        var path = WriteConfig("");
        try
        {
            Assert.Throws<ConfigException>(() => GatewayApp.Build(["--config", path, "--Kestrel:Endpoints:Open:Url", "http://0.0.0.0:0"], environment: _ => null));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("server:\n  allow_anonymous: true\n")]
    [InlineData("server:\n  api_keys: [\"gw-key-0123456789abcdef\"]\n")]
    public async Task Build_BeyondLoopbackWithKeysOrAllowAnonymous_Builds(string server)
    {
        await using var app = Build("http://0.0.0.0:0", server);

        Assert.NotNull(app);
    }

    [Fact]
    public async Task Build_LoopbackWithoutKeys_Builds()
    {
        await using var app = Build("http://127.0.0.1:0", "");

        Assert.NotNull(app);
    }

    private static Microsoft.AspNetCore.Builder.WebApplication Build(string urls, string server)
    {
        var path = WriteConfig(server);
        try
        {
            // Built, never started: nothing listens on the addresses.
            return GatewayApp.Build(["--config", path, "--urls", urls], environment: _ => null);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string WriteConfig(string server)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gateway-listen-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "llm:\n  ollama: {}\n" + server);
        return path;
    }
}
