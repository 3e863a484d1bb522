using Gateway.Redaction;
using Gateway.Security;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Security;

public sealed class SecretSetTests
{
    [Fact]
    public void From_EverySecretTheConfigHolds_Masked()
    {
        var secrets = SecretSet.From(Parse("""
            llm:
              ollama:
                base_url: "http://user:url-password-123@proxy.local:11434"
              openai:
                api_key: "sk-openai-0123456789"
              azure:
                endpoint: "https://res.openai.azure.com"
                api_key: "azure-section-0123456789"
                deployments:
                  east: { deployment: "d", api_key: "azure-deployment-0123456789" }
            server:
              api_keys: ["gateway-key-0123456789"]
            """));

        var text = secrets.Redact("a sk-openai-0123456789 b azure-section-0123456789 c azure-deployment-0123456789 d gateway-key-0123456789 e url-password-123");

        Assert.Equal("a [redacted] b [redacted] c [redacted] d [redacted] e [redacted]", text);
    }

    [Fact]
    public void Redact_KeyContainingAnother_MaskedWhole()
    {
        var secrets = SecretSet.From(Parse("""
            llm:
              openai: { api_key: "abcdef-0123" }
              anthropic: { api_key: "abcdef-0123-longer" }
            """));

        Assert.Equal("x [redacted] y", secrets.Redact("x abcdef-0123-longer y"));
    }

    [Fact]
    public void From_ShortValues_NotTreatedAsSecrets()
    {
        var secrets = SecretSet.From(Parse("llm:\n  openai: { api_key: \"abc\" }\n"));

        Assert.Equal(0, secrets.Count);
        Assert.Equal("abc stays", secrets.Redact("abc stays"));
    }

    [Theory]
    [InlineData("retry http://u:pw@gpu1:11434/api", "retry http://[redacted]@gpu1:11434/api")]
    [InlineData("\"https://user:p@ss@proxy.local/v1\" failed", "\"https://[redacted]@proxy.local/v1\" failed")]
    [InlineData("a http://x:y@[::1]:80 b socks5h://me@h c", "a http://[redacted]@[::1]:80 b socks5h://[redacted]@h c")]
    [InlineData("mail ops@example.com about http://gpu1/p?to=a@b", "mail ops@example.com about http://gpu1/p?to=a@b")]
    public void Redact_UrlUserInfoTheConfigDoesNotHold_MaskedWholeHostKept(string text, string expected)
    {
        var secrets = SecretSet.From(Parse("llm:\n  ollama: { base_url: \"http://gpu0:11434\" }\n"));

        Assert.Equal(expected, secrets.Redact(text));
        Assert.Equal(expected != text, secrets.AppearsIn(text));
        Assert.False(secrets.AppearsIn(expected));
    }
}
