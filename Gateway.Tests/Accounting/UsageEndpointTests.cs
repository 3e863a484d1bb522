using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Gateway.Tests.Accounting;

/// <summary><c>GET /usage</c>, <c>x-gateway-cost-usd</c> and <c>x-gateway-overhead-ms</c> on the running gateway.</summary>
public sealed class UsageEndpointTests
{
    private const string Pricing = """
        pricing:
          gpt-4o: {input_per_million: 2.5, output_per_million: 10}
        """;

    private static string OpenAiOnly(StubUpstream openai) => $$"""
        llm:
          backend: openai
          openai:
            base_url: "{{openai.Url}}/v1"
            api_key: "sk-test"
            models:
              generator: "gpt-4o"
        {{Pricing}}
        """;

    private static async Task<JsonElement> UsageAsync(TestGateway gateway)
    {
        using var response = await gateway.Http.GetAsync("/usage");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "(absent)";

    [Fact]
    public async Task CostHeader_WholeAnswerOfPricedModel_IsReportedUsageTimesPrice()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.StartAsync(OpenAiOnly(openai));

        var result = await gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("hi")]);

        var headers = result.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-gateway-cost-usd", out var cost));
        Assert.Equal(((19 * 2.5m) + (10 * 10m)) / 1_000_000m, decimal.Parse(cost!, CultureInfo.InvariantCulture));
        Assert.False(headers.TryGetValue("x-gateway-usage-estimated", out _));
        Assert.True(headers.TryGetValue("x-gateway-overhead-ms", out var overhead));
        Assert.True(double.Parse(overhead!, CultureInfo.InvariantCulture) >= 0);
    }

    [Fact]
    public async Task Usage_FallbackThenTotalFailure_AttemptsByBackendRequestsByKeyTokensWhereServed()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        var dead = ClosedPort.Url();
        await using var gateway = await TestGateway.For($$"""
            llm:
              backend: ollama
              global_defaults: {max_retries: 0}
              fallback_backends: ["openai"]
              ollama:
                base_url: "{{dead}}"
                models:
                  generator: "llama3"
              openai:
                base_url: "{{openai.Url}}/v1"
                api_key: "sk-test"
                models:
                  generator: "gpt-4o"
            {{Pricing}}
            """).LogAt(LogLevel.Trace).StartAsync();

        await gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("hi")]);
        openai.Enqueue(StubResponse.Json(500, """{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}"""));
        using var failed = await gateway.Http.PostAsync("/v1/chat/completions", OllamaChatTests.Json("""{"model":"generator","messages":[{"role":"user","content":"hi"}]}"""));
        await gateway.Logs.CompletionLinesAsync("/v1/chat/completions", 2);

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal("0", Header(failed, "x-gateway-cost-usd"));
        var usage = await UsageAsync(gateway);
        var totals = usage.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("requests").GetInt64());
        Assert.Equal(1, totals.GetProperty("failures").GetInt64());
        Assert.Equal(19, totals.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(10, totals.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(0.0001475m, totals.GetProperty("cost_usd").GetDecimal());
        var ollama = usage.GetProperty("by_backend").GetProperty("ollama");
        Assert.Equal((2, 2, 0), (ollama.GetProperty("requests").GetInt64(), ollama.GetProperty("failures").GetInt64(), ollama.GetProperty("prompt_tokens").GetInt64()));
        var gpt4o = usage.GetProperty("by_model").GetProperty("openai/gpt-4o");
        Assert.Equal((2, 1, 10), (gpt4o.GetProperty("requests").GetInt64(), gpt4o.GetProperty("failures").GetInt64(), gpt4o.GetProperty("completion_tokens").GetInt64()));
        var key = usage.GetProperty("by_model_key").GetProperty("generator");
        Assert.Equal((2, 1), (key.GetProperty("requests").GetInt64(), key.GetProperty("failures").GetInt64()));
    }

    [Fact]
    public async Task Stream_UpstreamReportsNoUsage_TokensEstimatedAndMarkedAndNoCostHeader()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.Enqueue(StubResponse.Sse(OpenAiChatTests.OpenAiStream("Hello there,", " world!").Where(e => !e.Contains("\"usage\"", StringComparison.Ordinal))));
        await using var gateway = await TestGateway.For(OpenAiOnly(openai)).LogAt(LogLevel.Trace).StartAsync();
        const string body = """{"model":"generator","stream":true,"messages":[{"role":"user","content":"Say hello to the world"}]}""";

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", OllamaChatTests.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        await gateway.Logs.CompletionLinesAsync("/v1/chat/completions");

        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        Assert.Equal("(absent)", Header(response, "x-gateway-cost-usd"));
        Assert.True(double.Parse(Header(response, "x-gateway-overhead-ms"), CultureInfo.InvariantCulture) >= 0);
        var totals = (await UsageAsync(gateway)).GetProperty("totals");
        var prompt = (Encoding.UTF8.GetByteCount(body) + 3) / 4;
        Assert.Equal(prompt, totals.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(5, totals.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(1, totals.GetProperty("estimated_requests").GetInt64());
        Assert.Equal(((prompt * 2.5m) + (5 * 10m)) / 1_000_000m, totals.GetProperty("cost_usd").GetDecimal());
    }

    [Fact]
    public async Task Stream_ClientDidNotAskForUsage_UpstreamUsageStillCounted()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.For($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
            """).LogAt(LogLevel.Trace).StartAsync();

        using var response = await gateway.Http.PostAsync("/v1/chat/completions",
            OllamaChatTests.Json("""{"model":"llama3.2","stream":true,"messages":[{"role":"user","content":"hi"}]}"""));
        Assert.DoesNotContain("\"usage\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await gateway.Logs.CompletionLinesAsync("/v1/chat/completions");

        var ollamaUsage = (await UsageAsync(gateway)).GetProperty("by_backend").GetProperty("ollama");
        Assert.Equal(26, ollamaUsage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(282, ollamaUsage.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(0, ollamaUsage.GetProperty("estimated_requests").GetInt64());
        Assert.Equal(0m, ollamaUsage.GetProperty("cost_usd").GetDecimal());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/v1/models")]
    [InlineData("/v1/nothing-here")]
    [InlineData("/usage")]
    public async Task OverheadHeader_EveryAnswer_CarriesIt(string path)
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.StartAsync(OpenAiOnly(openai));

        using var response = await gateway.Http.GetAsync(path);

        Assert.True(double.Parse(Header(response, "x-gateway-overhead-ms"), CultureInfo.InvariantCulture) >= 0);
    }
}
