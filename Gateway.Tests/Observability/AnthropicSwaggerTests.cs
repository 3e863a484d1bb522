using System.Net;
using System.Text.Json;
using Gateway.Tests.Harness;

namespace Gateway.Tests.Observability;

/// <summary>
/// The Anthropic additions in the OpenAPI document: <c>count_tokens</c> with its example, the model list's two shapes, and the
/// <c>x-gateway-*</c> headers of <c>/v1/messages</c>.
/// </summary>
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
        var create = paths.GetProperty("/v1/messages").GetProperty("post");
        Assert.Contains(create.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "x-gateway-backend");
        var headers = create.GetProperty("responses").GetProperty("200").GetProperty("headers");
        Assert.True(headers.TryGetProperty("x-gateway-ignored", out _));
        Assert.True(headers.TryGetProperty("x-gateway-attempts", out _));
    }
}
