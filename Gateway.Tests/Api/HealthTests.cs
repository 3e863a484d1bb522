using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gateway.Tests.Api;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_Always_200Ok()
    {
        await using var gateway = await TestGateway.StartAsync($$"""
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
    public async Task Ready_DefaultBackendDown_200ReadyWithoutAskingAnyBackend()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: openai
              fallback_backends: [ollama]
              openai:
                base_url: "{{ClosedPort.Url()}}/v1"
                api_key: "sk-test"
              ollama:
                base_url: "{{ollama.Url}}"
            """);

        using var response = await gateway.Http.GetAsync("/health/ready");
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("ready", root.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("config_version").GetString()));
        Assert.False(root.TryGetProperty("backends", out _));
        Assert.Empty(ollama.Requests);
    }

    [Fact]
    public async Task Ready_WhileTheHostStops_503Stopping()
    {
        await using var gateway = await TestGateway.StartAsync("llm:\n  mock: {}\n");
        var lifetime = gateway.Services.GetRequiredService<IHostApplicationLifetime>();

        lifetime.StopApplication();
        using var response = await gateway.Http.GetAsync("/health/ready");

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("stopping", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Backends_DefaultBackendUpAndOtherDown_200DegradedWithPerBackendDetailAndNoKeys()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var dead = ClosedPort.Url();
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
              openai:
                base_url: "{{dead}}/v1"
                api_key: "sk-secret-never-shown"
            """);

        using var response = await gateway.Http.GetAsync("/health/backends");
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
    public async Task Backends_DefaultBackendDown_503Unavailable()
    {
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ClosedPort.Url()}}"
            """);

        using var response = await gateway.Http.GetAsync("/health/backends");

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("unavailable", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }
}
