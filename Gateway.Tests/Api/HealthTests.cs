using System.Text.Json;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Api;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_Always_200Ok()
    {
        await using var gateway = await GatewayHarness.StartAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ClosedPort.Url()}}"
            """);

        using var response = await gateway.Http.GetAsync("/health");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("ok", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_DefaultBackendUpAndOtherDown_200DegradedWithPerBackendDetailAndNoKeys()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var dead = ClosedPort.Url();
        await using var gateway = await GatewayHarness.StartAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
              openai:
                base_url: "{{dead}}/v1"
                api_key: "sk-secret-never-shown"
            """);

        using var response = await gateway.Http.GetAsync("/health/ready");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.DoesNotContain("sk-secret-never-shown", text, StringComparison.Ordinal);
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal("degraded", root.GetProperty("status").GetString());
        var backends = root.GetProperty("backends").EnumerateArray().ToDictionary(b => b.GetProperty("name").GetString()!);
        Assert.True(backends["ollama"].GetProperty("ready").GetBoolean());
        Assert.False(backends["openai"].GetProperty("ready").GetBoolean());
        Assert.Equal("configured", backends["openai"].GetProperty("api_key").GetString());
        var probe = Assert.Single(ollama.Requests);
        Assert.Equal("/api/tags", probe.Path);
    }

    [Fact]
    public async Task Ready_DefaultBackendDown_503Unavailable()
    {
        await using var gateway = await GatewayHarness.StartAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ClosedPort.Url()}}"
            """);

        using var response = await gateway.Http.GetAsync("/health/ready");

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("unavailable", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }
}
