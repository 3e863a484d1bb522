using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Observability;

/// <summary>
/// What <c>GET /metrics</c> and <c>GET /usage</c> are made of: histogram buckets on the scale of what they measure, model labels bounded
/// to the configured models plus <c>other</c>, refusals named by the backend they were planned for, and embeddings' tokens. Instruments
/// are process-wide, so each test names a model no other test uses (or invents names only it sends) and looks only at its own series.
/// </summary>
public sealed class MetricsShapeTests
{
    private static string OpenAiConfig(StubUpstream openai, string model) => $$"""
        llm:
          backend: openai
          global_defaults: {max_retries: 0}
          openai:
            base_url: "{{openai.Url}}/v1"
            api_key: "sk-test"
            models:
              generator: "{{model}}"
        """;

    [Fact]
    public async Task Histograms_AfterAStream_SecondsAndTokensUseTheGenAiBuckets()
    {
        var model = $"gpt-buckets-{Guid.NewGuid():N}";
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.For(OpenAiConfig(openai, model)).LogAt(LogLevel.Information).StartAsync();

        await gateway.ChatAsync(stream: true);
        await gateway.Logs.CompletionLinesAsync("/v1/chat/completions");
        var lines = Series(await ScrapeAsync(gateway), $"gen_ai_request_model=\"{model}\"");

        Assert.Equal(
            ["0.01", "0.02", "0.04", "0.08", "0.16", "0.32", "0.64", "1.28", "2.56", "5.12", "10.24", "20.48", "40.96", "81.92", "+Inf"],
            Bounds(lines, "gen_ai_client_operation_duration_seconds_bucket"));
        var firstToken = Bounds(lines, "gateway_time_to_first_token_seconds_bucket");
        Assert.Equal(("0.001", "10", "+Inf"), (firstToken[0], firstToken[^2], firstToken[^1]));
        Assert.Equal(
            ["1", "4", "16", "64", "256", "1024", "4096", "16384", "65536", "262144", "1048576", "4194304", "16777216", "67108864", "+Inf"],
            Bounds([.. lines.Where(l => l.Contains("gen_ai_token_type=\"input\"", StringComparison.Ordinal))], "gen_ai_client_token_usage_bucket"));
    }

    [Fact]
    public async Task ModelLabels_ClientInventsModelNames_CountedAsOtherInMetricsAndUsage()
    {
        var invented = $"invented-{Guid.NewGuid():N}";
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.For($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
                models:
                  generator: "llama3"
            """).LogAt(LogLevel.Information).StartAsync();

        for (var i = 0; i < 3; i++)
        {
            using var content = new StringContent($$"""{"model":"ollama/{{invented}}-{{i}}","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");
            using var response = await gateway.Http.PostAsync("/v1/chat/completions", content);
            Assert.Equal(200, (int)response.StatusCode);
        }

        await gateway.Logs.CompletionLinesAsync("/v1/chat/completions", 3);
        var scrape = await ScrapeAsync(gateway);
        Assert.DoesNotContain(invented, scrape, StringComparison.Ordinal);
        Assert.Contains(scrape.Split('\n'), l => l.StartsWith("gen_ai_client_operation_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains("gateway_backend=\"ollama\"", StringComparison.Ordinal) && l.Contains("gen_ai_request_model=\"other\"", StringComparison.Ordinal));

        var byModel = (await UsageAsync(gateway)).GetProperty("by_model");
        Assert.Equal(["ollama/other"], byModel.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, byModel.GetProperty("ollama/other").GetProperty("requests").GetInt64());
        var line = gateway.Logs.CompletionLines("/v1/chat/completions")[0];
        Assert.Equal($"{invented}-0", LogCapture.Property(line, "Model")); // the log line still says what was asked for
    }

    [Fact]
    public async Task RequestsCounter_EveryCandidateCoolingDown_RefusalKeepsThePlannedBackendAndModel()
    {
        var model = $"gpt-cooling-{Guid.NewGuid():N}";
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.Enqueue(StubResponse.Json(429, """{"error":{"message":"slow down","type":"rate_limit_error","code":"rate_limit_exceeded"}}""", ("retry-after", "600")));
        await using var gateway = await TestGateway.For(OpenAiConfig(openai, model)).WithFakeTime().LogAt(LogLevel.Information).StartAsync();

        var limited = await gateway.ChatAsync(stream: false);
        var refused = await gateway.ChatAsync(stream: false);

        Assert.NotEqual(200, limited.Status);
        Assert.Equal(503, refused.Status);
        Assert.Single(openai.Requests);
        var lines = await gateway.Logs.CompletionLinesAsync("/v1/chat/completions", 2);
        Assert.Equal(("openai", model, "0"), (LogCapture.Property(lines[1], "Backend"), LogCapture.Property(lines[1], "Model"), LogCapture.Property(lines[1], "Attempts")));
        var series = Series(await ScrapeAsync(gateway), $"gen_ai_request_model=\"{model}\"");
        var failed = Assert.Single(series, l => l.StartsWith("gateway_requests_total{", StringComparison.Ordinal) && l.Contains("gateway_outcome=\"failed\"", StringComparison.Ordinal));
        Assert.Contains("gateway_backend=\"openai\"", failed, StringComparison.Ordinal);
        Assert.Equal(2, Value(failed));
    }

    [Fact]
    public async Task TokenUsage_EmbeddingsWhoseUpstreamReportsZeroTokens_EstimatedInMetricsAndUsage()
    {
        var model = $"embed-{Guid.NewGuid():N}";
        await using var lmstudio = await StubUpstream.StartAsync(UpstreamKind.LMStudio);
        await using var gateway = await TestGateway.For($$"""
            llm:
              backend: lmstudio
              global_defaults: {default_embedding_backend: lmstudio}
              lmstudio:
                base_url: "{{lmstudio.Url}}/v1"
                embedding_model: "{{model}}"
                models: {generator: "local-model"}
            """).LogAt(LogLevel.Information).StartAsync();
        var body = $$"""{"model":"{{model}}","input":"the sky is blue because of Rayleigh scattering"}""";

        using (var content = new StringContent(body, Encoding.UTF8, "application/json"))
        using (var response = await gateway.Http.PostAsync("/v1/embeddings", content))
        {
            Assert.Equal(200, (int)response.StatusCode);
        }

        await gateway.Logs.CompletionLinesAsync("/v1/embeddings");
        var expected = (Encoding.UTF8.GetByteCount(body) + 3) / 4;
        var usage = (await UsageAsync(gateway)).GetProperty("by_model").GetProperty($"lmstudio/{model}");
        Assert.Equal((expected, 0L, 1L), (usage.GetProperty("prompt_tokens").GetInt64(), usage.GetProperty("completion_tokens").GetInt64(), usage.GetProperty("estimated_requests").GetInt64()));
        var series = Series(await ScrapeAsync(gateway), $"gen_ai_request_model=\"{model}\"");
        var input = Assert.Single(series, l => l.StartsWith("gen_ai_client_token_usage_sum{", StringComparison.Ordinal));
        Assert.Contains("gen_ai_operation_name=\"embeddings\"", input, StringComparison.Ordinal);
        Assert.Contains("gen_ai_token_type=\"input\"", input, StringComparison.Ordinal);
        Assert.Equal(expected, Value(input));
    }

    internal static async Task<string> ScrapeAsync(TestGateway gateway)
    {
        using var response = await gateway.Http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    internal static string[] Series(string scrape, string label) =>
        [.. scrape.Split('\n').Where(line => line.Contains(label, StringComparison.Ordinal))];

    internal static double Value(string line) =>
        double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>The <c>le</c> bounds of <paramref name="bucket"/>'s series, in the order scraped.</summary>
    private static string[] Bounds(string[] lines, string bucket) =>
        [.. lines.Where(l => l.StartsWith(bucket + "{", StringComparison.Ordinal)).Select(l => l.Split("le=\"")[1].Split('"')[0])];

    private static async Task<JsonElement> UsageAsync(TestGateway gateway)
    {
        using var response = await gateway.Http.GetAsync("/usage");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
