using System.Net;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Security.Browser;

/// <summary>
/// DNS rebinding: a page whose own name resolves to 127.0.0.1 sends its name as <c>Host</c>. A gateway bound to loopback answers only
/// the loopback names and <c>server.allowed_hosts</c>; anything else is 421 in the surface's shape. The probes answer any host.
/// </summary>
public sealed class HostCheckTests
{
    private static string Config(string ollama, string server = "") => $$"""
        llm:
          backend: ollama
          ollama:
            base_url: "{{ollama}}"
            models:
              generator: "llama3.2"
        {{server}}
        """;

    private static async Task<HttpResponseMessage> GetAsync(TestGateway gateway, string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await gateway.Http.SendAsync(request);
    }

    [Fact]
    public async Task Get_RebindingHost_421NamingTheHostAndTheKeyInEachSurfacesShape()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var models = await GetAsync(gateway, "/v1/models", "rebind.evil.example");
        using var usage = await GetAsync(gateway, "/usage", "rebind.evil.example:8080");
        using var proxied = await GetAsync(gateway, "/proxy/ollama/api/tags", "rebind.evil.example");

        Assert.Equal(HttpStatusCode.MisdirectedRequest, models.StatusCode);
        var error = JsonDocument.Parse(await models.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(("host_not_allowed", "invalid_request_error"), (error.GetProperty("code").GetString(), error.GetProperty("type").GetString()));
        Assert.Contains("'rebind.evil.example'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("server.allowed_hosts", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, usage.StatusCode);
        Assert.Equal("application/problem+json", usage.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await usage.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("host_not_allowed", problem.GetProperty("code").GetString());
        Assert.Contains("'rebind.evil.example'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, proxied.StatusCode);
        Assert.Empty(ollama.Requests);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:11434")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("[::1]:8080")]
    [InlineData("dev.localhost")]
    public async Task Get_LoopbackName_Served(string host)
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await GetAsync(gateway, "/v1/models", host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Get_ProbeByPodAddress_ServedWhateverTheHost(string path)
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url, "server:\n  allowed_hosts: [\"gateway.internal\"]"));

        using var response = await GetAsync(gateway, path, "10.244.1.17:8080");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_AllowedHostsAddedByReload_NameServedFromTheNextRequest()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.For(Config(ollama.Url)).WithFakeTime().LogAt(LogLevel.Information).StartAsync();

        using var before = await GetAsync(gateway, "/v1/models", "gpu-box.lan");
        await gateway.EditConfigAsync(Config(ollama.Url, "server:\n  allowed_hosts: [\"*.lan\"]"));
        await gateway.Logs.WaitForAsync(line => line.Contains("Config reloaded", StringComparison.Ordinal));
        using var after = await GetAsync(gateway, "/v1/models", "gpu-box.lan");
        using var other = await GetAsync(gateway, "/v1/models", "gpu-box.example");

        Assert.Equal(HttpStatusCode.MisdirectedRequest, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, other.StatusCode);
    }
}
