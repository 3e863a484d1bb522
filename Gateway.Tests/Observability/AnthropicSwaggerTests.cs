using System.Net;
using System.Text.Json;
using Gateway.Tests.Harness;

namespace Gateway.Tests.Observability;

/// <summary>The Anthropic additions in the OpenAPI document: <c>count_tokens</c> with its example, and the model list's two shapes.</summary>
public sealed class AnthropicSwaggerTests
{
    [Fact]
    public async Task Document_CountTokensAndModels_DescribedWithTheAnthropicShapes()
    {
        await using var gateway = await TestGateway.For("llm:\n  backend: mock\n  mock: {}\n").InProcess().StartAsync();
        using var response = await gateway.Http.GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");

        var count = paths.GetProperty("/v1/messages/count_tokens").GetProperty("post");
        Assert.Equal("Anthropic-compatible", count.GetProperty("tags")[0].GetString());
        var answer = count.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json");
        Assert.Equal(14, answer.GetProperty("example").GetProperty("input_tokens").GetInt32());
        Assert.Contains("llm.model_aliases", count.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(count.GetProperty("responses").TryGetProperty("404", out _));
        Assert.Contains("anthropic-version", paths.GetProperty("/v1/models").GetProperty("get").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.False(paths.TryGetProperty("/", out _));
    }
}
