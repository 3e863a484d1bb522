using Gateway.Telemetry;
using Serilog.Events;
using Serilog.Parsing;

namespace Gateway.Tests.Observability;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Enrich_PropertyQuotingAKey_KeyMaskedElsewhereUntouched()
    {
        var redactor = new SecretRedactor(["sk-live-0123456789", "tiny"]);
        var logEvent = new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Warning, null, new MessageTemplateParser().Parse("Attempt failed: {Attempt}"),
        [
            new LogEventProperty("Attempt", new ScalarValue("HTTP 401: Incorrect API key provided: sk-live-0123456789 (tiny)")),
            new LogEventProperty("Count", new ScalarValue(3)),
        ]);

        redactor.Enrich(logEvent, null!);

        Assert.Equal("Attempt failed: \"HTTP 401: Incorrect API key provided: [redacted] (tiny)\"", logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("3", logEvent.Properties["Count"].ToString());
    }

    [Fact]
    public void Redact_TextWithoutSecrets_ReturnsNull()
    {
        Assert.Null(new SecretRedactor(["sk-live-0123456789"]).Redact("connection refused"));
    }
}
