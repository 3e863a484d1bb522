using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Tools;

/// <summary>A tool's own resilience keys win over its backend's and the global defaults when it is invoked.</summary>
public sealed class ToolResilienceTests
{
    private static string Config(string ollamaUrl) => $$$"""
        llm:
          backend: "ollama"
          resilience: {failures_before_cooldown: 100}
          ollama:
            base_url: "{{{ollamaUrl}}}"
            models: {writer: "mistral-nemo"}
            max_retries: 0
        tools:
          patient:
            prompt_template: "{input}"
            max_retries: 2
            llm: {model_key: "writer"}
          hasty:
            prompt_template: "{input}"
            llm: {model_key: "writer"}
        """;

    [Fact]
    public async Task Invoke_ToolAllowsTwoRetries_TwoTransientFailuresStillEndInAnAnswer()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(500, """{"error":"model runner crashed"}"""));
        ollama.Enqueue(StubResponse.Json(500, """{"error":"model runner crashed"}"""));
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await Invoke(gateway, "patient");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, result.RootElement.GetProperty("attempts").GetInt32());
        Assert.Equal(3, ollama.RequestCount);
    }

    [Fact]
    public async Task Invoke_ToolWithoutItsOwnSetting_BackendsNoRetryApplies()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(500, """{"error":"model runner crashed"}"""));
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await Invoke(gateway, "hasty");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(1, ollama.RequestCount);
    }

    [Fact]
    public async Task Invoke_BadFallbackHeader_400NamesTheHeader()
    {
        await using var gateway = await TestGateway.StartAsync(Config("http://127.0.0.1:1"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tools/patient/invoke")
        {
            Content = new StringContent("""{"input":"hi"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-gateway-fallback", "sometimes");

        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("x-gateway-fallback", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Invoke(TestGateway gateway, string tool) =>
        gateway.Http.PostAsync($"/tools/{tool}/invoke", new StringContent("""{"input":"hello"}""", Encoding.UTF8, "application/json"));
}
