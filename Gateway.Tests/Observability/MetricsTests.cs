using System.Globalization;
using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Gateway.Tests.Observability;

/// <summary>
/// <c>GET /metrics</c> in Prometheus' text format. Instruments are process-wide, so each test names a model no other test uses and
/// looks only at series carrying it.
/// </summary>
public sealed class MetricsTests
{
    private static string Config(StubUpstream openai, string model) => $$"""
        llm:
          backend: ollama
          fallback_backends: ["openai"]
          ollama:
            base_url: "{{ClosedPort.Url()}}"
            models:
              generator: "llama3"
          openai:
            base_url: "{{openai.Url}}/v1"
            api_key: "sk-test"
            models:
              generator: "{{model}}"
        pricing:
          "{{model}}": {input_per_million: 2.5, output_per_million: 10}
        """;

    private static async Task<string[]> ScrapeAsync(TestGateway gateway, string model)
    {
        using var response = await gateway.Http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split('\n').Where(line => line.Contains($"gen_ai_request_model=\"{model}\"", StringComparison.Ordinal))];
    }

    private static double Value(string[] lines, string series)
    {
        var line = Assert.Single(lines, l => l.StartsWith(series + "{", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Metrics_AfterFallbackAndStream_ScrapeShowsGenAiAndGatewayInstruments()
    {
        var model = $"gpt-metrics-{Guid.NewGuid():N}";
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.For(Config(openai, model)).LogAt(LogLevel.Trace).StartAsync();
        var chat = gateway.Chat("generator");

        await chat.CompleteChatAsync([new UserChatMessage("hi")]);
        await foreach (var _ in chat.CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
        }

        await gateway.Logs.CompletionLinesAsync("/v1/chat/completions", 2);
        var lines = await ScrapeAsync(gateway, model);

        Assert.Equal(2, Value(lines, "gen_ai_client_operation_duration_seconds_count"));
        Assert.Contains(lines, l => l.StartsWith("gen_ai_client_token_usage_sum{", StringComparison.Ordinal) && l.Contains("gen_ai_token_type=\"input\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("gateway_requests_total{", StringComparison.Ordinal) && l.Contains("gateway_outcome=\"success\"", StringComparison.Ordinal));
        Assert.Equal(1, Value(lines, "gateway_time_to_first_token_seconds_count"));
        Assert.True(Value(lines, "gateway_cost_usd_total") >= 0.0001475);
    }

    [Fact]
    public async Task Metrics_FallbackFromRefusedPrimary_CountedWithItsReason()
    {
        var model = $"gpt-fallback-{Guid.NewGuid():N}";
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.StartAsync(Config(openai, model));

        await gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("hi")]);

        using var response = await gateway.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(text.Split('\n'), l => l.StartsWith("gateway_fallbacks_total{", StringComparison.Ordinal)
            && l.Contains("gateway_backend=\"ollama\"", StringComparison.Ordinal) && l.Contains("gateway_reason=\"connection_error\"", StringComparison.Ordinal));
        Assert.Contains(text.Split('\n'), l => l.StartsWith("gen_ai_client_operation_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains("gen_ai_request_model=\"llama3\"", StringComparison.Ordinal) && l.Contains("error_type=\"connection_error\"", StringComparison.Ordinal));
    }
}
