using System.Text;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Resilience;

/// <summary>Embeddings run in the same pipeline: transient failures are retried, endpoints cool down, and the opt-out headers apply.</summary>
public sealed class EmbeddingsResilienceTests
{
    private static StringContent Body() => new("""{"model":"nomic-embed-text","input":"hello"}""", Encoding.UTF8, "application/json");

    [Fact]
    public async Task Embeddings_Transient503ThenAnswer_RetriedOnTheSameEndpoint()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(503, """{"error":"server busy"}"""));
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              ollama:
                base_url: "{{ollama.Url}}"
                embedding_model: "nomic-embed-text"
            """);

        using var response = await gateway.Http.PostAsync("/v1/embeddings", Body());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("x-gateway-attempts").Single());
        Assert.Equal(2, ollama.RequestCount);
    }

    [Fact]
    public async Task Embeddings_UpstreamHangs_504WithinTheTimeout()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Hang());
        await using var gateway = await TestGateway.For($$"""
            llm:
              ollama:
                base_url: "{{ollama.Url}}"
                embedding_model: "nomic-embed-text"
                timeout_seconds: 0.3
                max_retries: 0
            """).WithFakeTime().StartAsync();

        var answering = gateway.Http.PostAsync("/v1/embeddings", Body());
        await ollama.WaitForRequestAsync(1, TimeSpan.FromSeconds(10));
        gateway.Clock.Advance(TimeSpan.FromSeconds(0.3));
        using var response = await answering;

        Assert.Equal(504, (int)response.StatusCode);
        Assert.Contains("no complete answer within 0.3 s", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_BadTimeoutHeader_400()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              ollama:
                base_url: "{{ollama.Url}}"
                embedding_model: "nomic-embed-text"
            """);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = Body() };
        request.Headers.Add("x-gateway-timeout-seconds", "never");

        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("x-gateway-timeout-seconds", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(ollama.Requests);
    }
}
