using System.Text;
using System.Text.Json;
using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Observability;

/// <summary>
/// A stream the client leaves in the middle is still accounted for: its completion line says <c>aborted</c> and names the backend,
/// model, attempts and the tokens seen so far (the upstream's usage when it sent one, else the estimate), and <c>/usage</c> counts it
/// as a failed request, with its tokens where it was served, without holding the client's leaving against the backend.
/// </summary>
public sealed class AbortedStreamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static string Config(StubUpstream openai, string model = "gpt-4o") => $$"""
        llm:
          backend: openai
          global_defaults: {max_retries: 0, stream_idle_timeout_seconds: 60}
          openai:
            base_url: "{{openai.Url}}/v1"
            api_key: "sk-test"
            models:
              generator: "{{model}}"
        pricing:
          gpt-4o: {input_per_million: 2.5, output_per_million: 10}
        """;

    [Fact]
    public async Task CompletionLine_ClientLeavesMidStreamWithoutUsage_NamesTheBackendAndEstimatesTheTokensSoFar()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.Enqueue(StubResponse.Custom(http => SendThenHangAsync(http, [.. OpenAiChatTests.OpenAiStream("Hello", " world").Take(3)])));
        await using var gateway = await TestGateway.For(Config(openai)).LogAt(LogLevel.Trace).StartAsync();
        const string body = """{"model":"generator","stream":true,"messages":[{"role":"user","content":"say hello to the world"}]}""";

        await ReadUntilThenLeaveAsync(gateway, body, "world");

        var line = Assert.Single(await gateway.Logs.CompletionLinesAsync("/v1/chat/completions"));
        Assert.Equal("aborted", LogCapture.Property(line, "Outcome"));
        Assert.Equal("openai", LogCapture.Property(line, "Backend"));
        Assert.Equal("gpt-4o", LogCapture.Property(line, "Model"));
        Assert.Equal(new Uri(openai.Url).Authority, LogCapture.Property(line, "EndpointHost"));
        Assert.Equal("1", LogCapture.Property(line, "Attempts"));
        Assert.Equal(((Encoding.UTF8.GetByteCount(body) + 3) / 4).ToString(System.Globalization.CultureInfo.InvariantCulture), LogCapture.Property(line, "PromptTokens"));
        Assert.Equal("3", LogCapture.Property(line, "CompletionTokens")); // "Hello world": 11 characters
        Assert.Equal(" (estimated)", LogCapture.Property(line, "Estimated"));

        var usage = await UsageAsync(gateway);
        AssertCounts(usage.GetProperty("totals"), requests: 1, failures: 1);
        AssertCounts(usage.GetProperty("by_model_key").GetProperty("generator"), requests: 1, failures: 1);
        AssertCounts(usage.GetProperty("by_backend").GetProperty("openai"), requests: 1, failures: 0);
        Assert.Equal(3, usage.GetProperty("by_model").GetProperty("openai/gpt-4o").GetProperty("completion_tokens").GetInt64());
        Assert.Equal(1, usage.GetProperty("totals").GetProperty("estimated_requests").GetInt64());
    }

    [Fact]
    public async Task CompletionLine_ClientLeavesAfterTheUsageChunk_ReportsTheUpstreamsUsageAndCost()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.Enqueue(StubResponse.Custom(http => SendThenHangAsync(http, [.. OpenAiChatTests.OpenAiStream("Hello", " world").SkipLast(1)])));
        await using var gateway = await TestGateway.For(Config(openai)).LogAt(LogLevel.Trace).StartAsync();
        const string body = """{"model":"generator","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}""";

        await ReadUntilThenLeaveAsync(gateway, body, "\"usage\":{");

        var line = Assert.Single(await gateway.Logs.CompletionLinesAsync("/v1/chat/completions"));
        Assert.Equal("aborted", LogCapture.Property(line, "Outcome"));
        Assert.Equal("openai", LogCapture.Property(line, "Backend"));
        Assert.Equal("1", LogCapture.Property(line, "Attempts"));
        Assert.Equal("14", LogCapture.Property(line, "PromptTokens"));
        Assert.Equal("2", LogCapture.Property(line, "CompletionTokens"));
        Assert.Equal("", LogCapture.Property(line, "Estimated"));
        Assert.Equal("0.000055", LogCapture.Property(line, "CostUsd"));

        var totals = (await UsageAsync(gateway)).GetProperty("totals");
        AssertCounts(totals, requests: 1, failures: 1);
        Assert.Equal(14, totals.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(0.000055m, totals.GetProperty("cost_usd").GetDecimal());
    }

    [Fact]
    public async Task Accounting_ClientLeavesASlowStreamMidway_MetricsCountTheAbortAndTheTokensStreamedSoFar()
    {
        var model = $"gpt-slow-{Guid.NewGuid():N}";
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.Enqueue(StubResponse.Sse(OpenAiChatTests.OpenAiStream("Hello", " world").Take(3), delayBetween: TimeSpan.FromSeconds(1)));
        await using var gateway = await TestGateway.For(Config(openai, model)).LogAt(LogLevel.Information).StartAsync();

        await ReadUntilThenLeaveAsync(gateway, """{"model":"generator","stream":true,"messages":[{"role":"user","content":"hi"}]}""", "Hello");

        var line = Assert.Single(await gateway.Logs.CompletionLinesAsync("/v1/chat/completions"));
        Assert.Equal(("aborted", "openai", model, "1"), (LogCapture.Property(line, "Outcome"), LogCapture.Property(line, "Backend"), LogCapture.Property(line, "Model"), LogCapture.Property(line, "Attempts")));
        Assert.Equal("2", LogCapture.Property(line, "CompletionTokens")); // "Hello": 5 characters
        var series = MetricsShapeTests.Series(await MetricsShapeTests.ScrapeAsync(gateway), $"gen_ai_request_model=\"{model}\"");
        Assert.Equal(1, MetricsShapeTests.Value(Assert.Single(series, l => l.StartsWith("gateway_requests_total{", StringComparison.Ordinal) && l.Contains("gateway_outcome=\"aborted\"", StringComparison.Ordinal))));
        Assert.Equal(2, MetricsShapeTests.Value(Assert.Single(series, l => l.StartsWith("gen_ai_client_token_usage_sum{", StringComparison.Ordinal) && l.Contains("gen_ai_token_type=\"output\"", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Accounting_ClientLeavesBeforeTheFirstEvent_LineUsageAndMetricsNameTheBackendModelAndAttempt()
    {
        var model = $"gpt-silent-{Guid.NewGuid():N}";
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.Enqueue(StubResponse.Hang());
        await using var gateway = await TestGateway.For(Config(openai, model)).LogAt(LogLevel.Information).StartAsync();

        using (var leave = new CancellationTokenSource())
        using (var content = new StringContent("""{"model":"generator","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"))
        {
            var pending = gateway.Http.PostAsync("/v1/chat/completions", content, leave.Token);
            await openai.WaitForRequestAsync(1, Patience);
            await leave.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        }

        var line = Assert.Single(await gateway.Logs.CompletionLinesAsync("/v1/chat/completions"));
        Assert.Equal(("aborted", "openai", model, "1"), (LogCapture.Property(line, "Outcome"), LogCapture.Property(line, "Backend"), LogCapture.Property(line, "Model"), LogCapture.Property(line, "Attempts")));
        Assert.Equal(new Uri(openai.Url).Authority, LogCapture.Property(line, "EndpointHost"));
        var usage = await UsageAsync(gateway);
        AssertCounts(usage.GetProperty("totals"), requests: 1, failures: 1);
        AssertCounts(usage.GetProperty("by_backend").GetProperty("openai"), requests: 1, failures: 0);
        AssertCounts(usage.GetProperty("by_model").GetProperty($"openai/{model}"), requests: 1, failures: 0);
        var series = MetricsShapeTests.Series(await MetricsShapeTests.ScrapeAsync(gateway), $"gen_ai_request_model=\"{model}\"");
        Assert.Equal(1, MetricsShapeTests.Value(Assert.Single(series, l => l.StartsWith("gateway_requests_total{", StringComparison.Ordinal) && l.Contains("gateway_outcome=\"aborted\"", StringComparison.Ordinal))));
        Assert.Contains(series, l => l.StartsWith("gen_ai_client_operation_duration_seconds_count{", StringComparison.Ordinal) && l.Contains("error_type=\"client_aborted\"", StringComparison.Ordinal));
    }

    /// <summary>Writes <paramref name="events"/>, then neither sends more nor ends, until the gateway goes away.</summary>
    private static async Task SendThenHangAsync(HttpContext http, string[] events)
    {
        http.Response.ContentType = "text/event-stream";
        foreach (var raw in events)
        {
            await http.Response.WriteAsync(raw, http.RequestAborted);
        }

        await http.Response.Body.FlushAsync(http.RequestAborted);
        await Task.Delay(Timeout.InfiniteTimeSpan, http.RequestAborted);
    }

    /// <summary>Streams <paramref name="body"/>, reads until a line contains <paramref name="seen"/>, then drops the connection.</summary>
    private static async Task ReadUntilThenLeaveAsync(TestGateway gateway, string body, string seen)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var leave = new CancellationTokenSource();
        using var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync().WaitAsync(Patience) is { } line && !line.Contains(seen, StringComparison.Ordinal))
        {
        }

        // Cancelling a pending read drops the connection at once (disposing would first try to drain the rest).
        var pending = reader.ReadToEndAsync(leave.Token);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    private static async Task<JsonElement> UsageAsync(TestGateway gateway)
    {
        using var response = await gateway.Http.GetAsync("/usage");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static void AssertCounts(JsonElement totals, long requests, long failures) =>
        Assert.Equal((requests, failures), (totals.GetProperty("requests").GetInt64(), totals.GetProperty("failures").GetInt64()));
}
