using System.Text;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Api;

/// <summary>/health/backends and the requests share one health per endpoint: each sees what the other found.</summary>
public sealed class BackendHealthSharedStateTests
{
    [Fact]
    public async Task Backends_AfterChatCooledAnEndpoint_ReportsTheCooldownAndItsCause()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(503, """{"error":"server busy"}"""));
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              resilience: { failures_before_cooldown: 1, cooldown_seconds: 60 }
              ollama:
                base_url: "{{ollama.Url}}"
                max_retries: 0
            """);
        using (await ChatAsync(gateway))
        {
        }

        using var response = await gateway.Http.GetAsync("/health/backends");

        var endpoint = Endpoint(await response.Content.ReadAsStringAsync());
        Assert.True(endpoint.GetProperty("reachable").GetBoolean());
        Assert.InRange(endpoint.GetProperty("cooling_down_seconds").GetDouble(), 1, 60);
        Assert.Contains("server busy", endpoint.GetProperty("last_failure").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backends_ProbeFindsTheEndpointUnreachable_ChatSkipsItOnceItsThresholdIsReached()
    {
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              resilience: { failures_before_cooldown: 1, cooldown_seconds: 60 }
              ollama:
                base_url: "{{ClosedPort.Url()}}"
            """);
        using (await gateway.Http.GetAsync("/health/backends"))
        {
        }

        using var chat = await ChatAsync(gateway);

        // Chat finds the endpoint cooling down from the probe's failure; as it is the only candidate it is probed early, once.
        Assert.Equal(503, (int)chat.StatusCode);
        Assert.Equal("1", Assert.Single(chat.Headers.GetValues("x-gateway-attempts")));
        var message = await chat.Content.ReadAsStringAsync();
        Assert.Contains("skipped, cooling down after repeated failures (60 s left); last failure: connection refused", message, StringComparison.Ordinal);
        Assert.Contains("probed before its cooldown ended", message, StringComparison.Ordinal);
    }

    private static JsonElement Endpoint(string report) =>
        JsonDocument.Parse(report).RootElement.GetProperty("backends")[0].GetProperty("endpoints")[0].Clone();

    private static Task<HttpResponseMessage> ChatAsync(TestGateway gateway) =>
        gateway.Http.PostAsync("/v1/chat/completions",
            new StringContent("""{"model":"llama3","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
}
