using Gateway.Api;
using Gateway.Exchange;
using Gateway.Redaction;
using Gateway.Security;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Security;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Update_KeyRotated_OldAndNewKeysMasked()
    {
        var redactor = new SecretRedactor(Parse("llm:\n  openai: { api_key: \"sk-old-key-0123456789\" }\n"));

        redactor.Update(Parse("llm:\n  openai: { api_key: \"sk-new-key-0123456789\" }\n"));

        Assert.Equal("[redacted] [redacted]", redactor.Redact("sk-old-key-0123456789 sk-new-key-0123456789"));
    }

    [Fact]
    public void Update_TwoRotations_TheOldestKeyNoLongerTracked()
    {
        var redactor = new SecretRedactor(Parse("llm:\n  openai: { api_key: \"sk-first-0123456789\" }\n"));

        redactor.Update(Parse("llm:\n  openai: { api_key: \"sk-second-0123456789\" }\n"));
        redactor.Update(Parse("llm:\n  openai: { api_key: \"sk-third-0123456789\" }\n"));

        Assert.Equal("sk-first-0123456789 [redacted] [redacted]", redactor.Redact("sk-first-0123456789 sk-second-0123456789 sk-third-0123456789"));
    }

    [Fact]
    public void Redact_ErrorQuotingAKey_MessageMaskedAndTheRestKept()
    {
        var redactor = new SecretRedactor(Parse("llm:\n  openai: { api_key: \"sk-quoted-0123456789\" }\n"));

        var error = redactor.Redact(new ApiError(401, "Incorrect API key provided: sk-quoted-0123456789.", "model", "invalid_api_key"));

        Assert.Equal(new ApiError(401, "Incorrect API key provided: [redacted].", "model", "invalid_api_key"), error);
    }
}
