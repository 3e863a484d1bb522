using System.Diagnostics;
using System.Net;
using System.Text;
using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Observability;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Gateway.Tests.Security;

/// <summary>
/// A backend <c>base_url</c> with user-info (<c>http://user:pass@host</c>) never shows its user-info: not in OpenAI errors, not in
/// ProblemDetails (the pass-through's included), not in logs, spans, metric labels or <c>/health/backends</c>. A long and a short
/// password each, as a password under the secret minimum length is masked too.
/// </summary>
public sealed class UrlUserInfoRedactionTests
{
    public static TheoryData<string> UserInfos => ["user:pass", "u:pw"];

    /// <param name="failuresBeforeCooldown">1 to see the cooldown counter at once; more to keep the endpoint tried.</param>
    private static string Config(string baseUrl, int failuresBeforeCooldown = 1) => $$"""
        llm:
          backend: ollama
          global_defaults: {max_retries: 0}
          resilience: {failures_before_cooldown: {{failuresBeforeCooldown}}, cooldown_seconds: 300}
          ollama:
            base_url: "{{baseUrl}}"
            models:
              generator: "llama3"
        """;

    private static (string Url, string Masked) Unreachable(string userInfo)
    {
        var plain = ClosedPort.Url();
        return (plain.Replace("http://", $"http://{userInfo}@", StringComparison.Ordinal), plain.Replace("http://", "http://[redacted]@", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(UserInfos))]
    public async Task PassThrough_UnreachableEndpoint_ProblemAndLogsNameTheHostWithoutTheUserInfo(string userInfo)
    {
        var (url, masked) = Unreachable(userInfo);
        await using var gateway = await TestGateway.StartAsync(Config(url));

        using var response = await gateway.Http.GetAsync("/proxy/ollama/api/tags");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"at {masked}", body, StringComparison.Ordinal);
        Assert.DoesNotContain(userInfo, body, StringComparison.Ordinal);
        var line = await gateway.Logs.WaitForAsync(text => text.StartsWith("Pass-through", StringComparison.Ordinal) && text.Contains("failed", StringComparison.Ordinal));
        Assert.Contains(masked, line, StringComparison.Ordinal);
        Assert.DoesNotContain(userInfo, gateway.Logs.All, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UserInfos))]
    public async Task ChatAndHealth_UnreachableEndpoint_OpenAiErrorHealthAndMetricsWithoutTheUserInfo(string userInfo)
    {
        var (url, masked) = Unreachable(userInfo);
        await using var gateway = await TestGateway.StartAsync(Config(url));

        using var chat = await gateway.SendChatAsync(stream: false);
        var error = await chat.Content.ReadAsStringAsync();
        using var health = await gateway.Http.GetAsync("/health/backends");
        var report = await health.Content.ReadAsStringAsync();
        var metrics = await gateway.Http.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, chat.StatusCode);
        Assert.StartsWith("{\"error\":", error, StringComparison.Ordinal);
        Assert.DoesNotContain(userInfo, error, StringComparison.Ordinal);
        Assert.Contains($"\"url\":\"{masked}\"", report, StringComparison.Ordinal);
        Assert.DoesNotContain(userInfo, report, StringComparison.Ordinal);
        var cooldown = Assert.Single(metrics.Split('\n'), line => line.StartsWith("gateway_cooldowns", StringComparison.Ordinal) && line.Contains(masked[^5..], StringComparison.Ordinal));
        Assert.Contains($"gateway_endpoint=\"{masked}\"", cooldown, StringComparison.Ordinal);
        Assert.DoesNotContain(userInfo, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(userInfo, gateway.Logs.All, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UserInfos))]
    public async Task Traces_UnreachableEndpoint_SpanNamesTheEndpointWithoutTheUserInfo(string userInfo)
    {
        var (url, masked) = Unreachable(userInfo);
        var spans = new SpanCollector();
        await using var collector = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        var gateway = await TestGateway.For(Config(url, failuresBeforeCooldown: 5))
            .WithVariable("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Url)
            .WithVariable("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .WithServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans)))
            .StartAsync();
        await using (gateway)
        {
            using var chat = await gateway.SendChatAsync(stream: false);
            using var proxied = await gateway.Http.GetAsync("/proxy/ollama/api/tags");
        }

        var ours = spans.Spans.Where(span => span.TagObjects.Any(tag => tag.Key == "gateway.endpoint" && tag.Value is string endpoint && endpoint.EndsWith(masked[^6..], StringComparison.Ordinal))).ToList();
        Assert.Equal(2, ours.Count);
        Assert.All(ours, span =>
        {
            Assert.Equal(masked, span.TagObjects.Single(tag => tag.Key == "gateway.endpoint").Value);
            Assert.DoesNotContain(userInfo, Describe(span), StringComparison.Ordinal);
        });
    }

    private static string Describe(Activity span)
    {
        var text = new StringBuilder(span.DisplayName).Append(' ').Append(span.StatusDescription);
        foreach (var (name, value) in span.TagObjects)
        {
            text.Append(' ').Append(name).Append('=').Append(value);
        }

        return text.ToString();
    }
}
