using System.Text;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

using Gateway.Tests.Api;
using Gateway.Tests.Harness;

namespace Gateway.Tests.Health;

/// <summary>
/// The active backend probes are ASP.NET Core health checks: any caller of <see cref="HealthCheckService"/> runs them (not only
/// <c>/health/backends</c>), each configured backend is one entry, and what they find feeds the breaker requests use.
/// </summary>
public sealed class BackendHealthChecksTests
{
    [Fact]
    public async Task CheckHealth_DefaultUpOtherDown_OneEntryPerConfiguredBackendAndDegraded()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
              openai:
                base_url: "{{ClosedPort.Url()}}/v1"
                api_key: "sk-test"
            """);
        var checks = gateway.Services.GetRequiredService<HealthCheckService>();

        var report = await checks.CheckHealthAsync(registration => registration.Tags.Contains("backend"));

        var configured = report.Entries.Where(e => e.Value.Data.Count > 0).ToDictionary(e => e.Key, e => e.Value.Status);
        Assert.Equal(new Dictionary<string, HealthStatus> { ["backend:ollama"] = HealthStatus.Healthy, ["backend:openai"] = HealthStatus.Degraded }, configured);
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal("/api/tags", Assert.Single(ollama.Requests).Path);
    }

    [Fact]
    public async Task CheckHealth_DefaultBackendDown_Unhealthy()
    {
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ClosedPort.Url()}}"
            """);

        var report = await gateway.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(registration => registration.Name == "backend:ollama");

        var entry = Assert.Single(report.Entries).Value;
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("0 of 1 endpoint(s) answer", entry.Description);
    }

    [Fact]
    public async Task CheckHealth_RunOutsideTheEndpoint_FeedsTheBreakerChatUses()
    {
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              resilience: { failures_before_cooldown: 1, cooldown_seconds: 60 }
              ollama:
                base_url: "{{ClosedPort.Url()}}"
            """);

        await gateway.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        using var chat = await gateway.Http.PostAsync("/v1/chat/completions",
            new StringContent("""{"model":"llama3","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(503, (int)chat.StatusCode);
        Assert.Contains("skipped, cooling down after repeated failures (60 s left)", await chat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
