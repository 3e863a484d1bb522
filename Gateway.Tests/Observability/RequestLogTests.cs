using System.Globalization;
using Gateway.Telemetry;
using Gateway.Tests.Harness;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Gateway.Tests.Observability;

/// <summary>The completion line of a dispatched request, written straight to Serilog.</summary>
public sealed class RequestLogTests
{
    [Fact]
    public void Dispatched_RendersTheLineWithItsPropertiesCategoryAndEventId()
    {
        var logs = new LogCapture();
        using var logger = new LoggerConfiguration().WriteTo.Sink(logs).CreateLogger();

        new RequestLog(logger).Dispatched(
            "POST", "/v1/chat/completions", 200, "ok", 12.34, 0.4567, "openai", "gpt-4o", "api.openai.com:443", 2, 24, 41, true, "0.000123", "127.0.0.1");

        var line = Assert.Single(logs.Events);
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal(
            "POST /v1/chat/completions 200 ok in 12.3 ms (gateway 0.457 ms): openai gpt-4o at api.openai.com:443 after 2 attempt(s); "
            + "tokens 24 in, 41 out (estimated); cost 0.000123 USD; client 127.0.0.1",
            line.RenderMessage(CultureInfo.InvariantCulture).Replace("\"", "", StringComparison.Ordinal));
        Assert.Equal("\"Gateway.Requests\"", line.Properties[Constants.SourceContextPropertyName].ToString());
        Assert.Equal("{ Id: 1, Name: \"Dispatched\" }", line.Properties["EventId"].ToString());
        Assert.Equal(41L, ((ScalarValue)line.Properties["CompletionTokens"]).Value);
    }

    [Fact]
    public void Dispatched_CategoryBelowItsOverride_NothingWritten()
    {
        var logs = new LogCapture();
        using var logger = new LoggerConfiguration()
            .MinimumLevel.Override(RequestLog.Category, LogEventLevel.Warning)
            .WriteTo.Sink(logs)
            .CreateLogger();

        new RequestLog(logger).Dispatched("POST", "/v1/embeddings", 200, "ok", 1, 0.1, "ollama", "nomic", "127.0.0.1:11434", 1, 3, 0, false, "unknown", "::1");

        Assert.Empty(logs.Events);
    }
}
