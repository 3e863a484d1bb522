using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Gateway.Tests.Observability;

/// <summary>Where traces and metrics go, said once at start, and an unreachable collector logged once a minute, not once per batch.</summary>
public sealed class OtlpExportTests
{
    private const string MockConfig = "llm:\n  mock: {}\n";

    [Fact]
    public async Task StartupLine_OtlpEndpointWithCredentials_NamesEndpointProtocolAndScrapePathWithoutTheCredentials()
    {
        var closed = new Uri(ClosedPort.Url());
        await using var gateway = await TestGateway.For(MockConfig).LogAt(LogLevel.Information)
            .WithVariable("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://collector:s3cret-token@{closed.Authority}/?api_key=s3cret-token")
            .WithVariable("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .StartAsync();

        var line = Assert.Single(gateway.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Telemetry:", StringComparison.Ordinal));
        Assert.StartsWith("Telemetry: traces and metrics exported over OTLP", line.MessageTemplate.Text, StringComparison.Ordinal);
        Assert.Equal(("http/protobuf", $"http://{closed.Authority}/", "/metrics"),
            (LogCapture.Property(line, "Protocol"), LogCapture.Property(line, "Endpoint"), LogCapture.Property(line, "ScrapePath")));
        Assert.DoesNotContain("s3cret", gateway.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartupLine_NoOtlpEndpoint_SaysNothingIsExported()
    {
        await using var gateway = await TestGateway.For(MockConfig).LogAt(LogLevel.Information).StartAsync();

        var line = Assert.Single(gateway.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Telemetry:", StringComparison.Ordinal));
        Assert.Equal(
            "Telemetry: traces and metrics not exported (OTEL_EXPORTER_OTLP_ENDPOINT is not set); metrics scraped at /metrics",
            line.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Replace("\"", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportFailures_CollectorPortClosed_OneLinePerSignalPerMinute()
    {
        var closed = new Uri(ClosedPort.Url());
        await using var gateway = await TestGateway.For(MockConfig).WithFakeTime()
            .WithVariable("OTEL_EXPORTER_OTLP_ENDPOINT", closed.ToString())
            .WithVariable("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .StartAsync();
        var traces = gateway.Services.GetRequiredService<TracerProvider>();
        var metrics = gateway.Services.GetRequiredService<MeterProvider>();

        for (var batch = 0; batch < 3; batch++)
        {
            await gateway.ChatAsync(stream: false);
            traces.ForceFlush(10_000); // a failed export returns false; what matters here is what it logged
            metrics.ForceFlush(10_000);
        }

        Assert.Single(FailureLines(gateway, closed, "traces"));
        Assert.Single(FailureLines(gateway, closed, "metrics"));

        gateway.Clock.Advance(TimeSpan.FromSeconds(61));
        await gateway.ChatAsync(stream: false);
        traces.ForceFlush(10_000);

        var lines = FailureLines(gateway, closed, "traces");
        Assert.Equal(2, lines.Count);
        Assert.Equal("2", LogCapture.Property(lines[1], "Unlogged"));
        Assert.Contains("refused", LogCapture.Property(lines[0], "Error"), StringComparison.OrdinalIgnoreCase);
    }

    private static List<Serilog.Events.LogEvent> FailureLines(TestGateway gateway, Uri collector, string signal) =>
        [.. gateway.Logs.Events.Where(e => e.Properties.ContainsKey("Signal") && LogCapture.Property(e, "Signal") == signal
            && LogCapture.Property(e, "Collector") == $"http://{collector.Authority}/v1/{signal}")];
}
