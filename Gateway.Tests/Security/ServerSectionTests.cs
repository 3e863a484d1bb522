using Gateway.Configuration;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Security;

/// <summary>The <c>server:</c> section: keys, limits and rate limits, with defaults and startup-style messages.</summary>
public sealed class ServerSectionTests
{
    private const string Llm = "llm:\n  ollama: {}\n";

    [Fact]
    public void Parse_NoServerSection_LoopbackDefaults()
    {
        var server = Parse(Llm).Server;

        Assert.False(server.RequiresKey);
        Assert.False(server.AllowAnonymous);
        Assert.Equal(10 * 1024 * 1024, server.MaxRequestBytes);
        Assert.Equal(64, server.MaxJsonDepth);
        Assert.Equal(2048, server.MaxMessages);
        Assert.Null(server.RateLimit);
        Assert.True(server.Reload);
    }

    [Fact]
    public void Parse_EverySetting_Read()
    {
        var server = Parse(Llm + """
            server:
              api_keys: ["${GATEWAY_KEY}", "second-key-0123456789"]
              allow_anonymous: true
              max_request_bytes: 2048
              max_json_depth: 16
              max_messages: 10
              min_request_body_rate: 500
              request_body_grace_seconds: 2
              rate_limit: { requests_per_minute: 60, tokens_per_minute: 1000 }
              reload: false
            """, ("GATEWAY_KEY", "first-key-0123456789")).Server;

        Assert.Equal(["first-key-0123456789", "second-key-0123456789"], server.ApiKeys);
        Assert.True(server.AllowAnonymous);
        Assert.Equal(2048, server.MaxRequestBytes);
        Assert.Equal(16, server.MaxJsonDepth);
        Assert.Equal(10, server.MaxMessages);
        Assert.Equal(500, server.MinRequestBodyRate);
        Assert.Equal(TimeSpan.FromSeconds(2), server.RequestBodyGrace);
        Assert.Equal(60, server.RateLimit!.RequestsPerMinute);
        Assert.Equal(1000, server.RateLimit.TokensPerMinute);
        Assert.False(server.Reload);
    }

    [Fact]
    public void Parse_KeyReferencingAnUnsetVariable_StartupErrorNamingItAndTheOptionalForm()
    {
        var message = ParseError(Llm + "server:\n  api_keys: [\"${GATEWAY_KEY}\"]\n");

        Assert.Contains("test.yaml:4:14: server.api_keys[0]:", message, StringComparison.Ordinal);
        Assert.Contains("GATEWAY_KEY is not set", message, StringComparison.Ordinal);
        Assert.Contains("${GATEWAY_KEY:-}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionalKeyUnset_Dropped()
    {
        var server = Parse(Llm + "server:\n  api_keys: [\"${GATEWAY_KEY:-}\"]\n").Server;

        Assert.False(server.RequiresKey);
    }

    [Theory]
    [InlineData("api_keys: \"one-key-0123456789\"", "server.api_keys: expected a list of keys")]
    [InlineData("api_keys: [\"has space in it 0123\"]", "server.api_keys[0]: an API key cannot contain spaces")]
    [InlineData("max_request_bytes: 10", "server.max_request_bytes: expected a number from 1024")]
    [InlineData("max_json_depth: 1000", "server.max_json_depth: expected a number from 2 to 256")]
    [InlineData("max_messages: 2.5", "server.max_messages: expected a whole number")]
    [InlineData("request_body_grace_seconds: 1", "server.request_body_grace_seconds: expected a number from 1.5")]
    [InlineData("rate_limit: { requests_per_minit: 5 }", "server.rate_limit: unknown key 'requests_per_minit'; valid keys: requests_per_minute, tokens_per_minute (did you mean 'requests_per_minute'?)")]
    [InlineData("allow_anonymus: true", "server: unknown key 'allow_anonymus'")]
    public void Parse_BadValue_StartupErrorWithPathAndWhatIsValid(string line, string expected)
    {
        var message = ParseError(Llm + "server:\n  " + line + "\n");

        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.StartsWith("test.yaml:4:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyErrors_NeverQuoteTheKey()
    {
        var message = ParseError(Llm + "server:\n  api_keys: [\"secret with space 0123456789\"]\n");

        Assert.DoesNotContain("secret with space", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ShortKey_WarningWithoutTheKey()
    {
        var config = Parse(Llm + "server:\n  api_keys: [\"short-k\"]\n");

        var warning = Assert.Single(config.Warnings);
        Assert.Contains("server.api_keys[0]: this key has only 7 characters", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("short-k", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LiteralKeys_FoundWhereverTheyAreAndReferencesNot()
    {
        var config = Parse("""
            llm:
              openai:
                api_key: "sk-literal-0123456789"
              anthropic:
                api_key: "${ANTHROPIC_API_KEY}"
              azure:
                endpoint: "https://res.openai.azure.com"
                deployments:
                  east: { deployment: "gpt-4", api_key: "azure-literal-0123456789" }
            server:
              api_keys: ["${GATEWAY_KEY:-}", "gateway-literal-0123456789"]
            """);

        Assert.Equal(["llm.openai.api_key (line 3)", "llm.azure.deployments.east.api_key (line 9)", "server.api_keys[1] (line 11)"], config.Server.LiteralKeys);
    }

    [Fact]
    public void Load_ShippedExample_ServerSectionAsDocumentedAndNoKeyWithoutTheVariable()
    {
        var server = ConfigLoader.Load(Path.Combine(RepositoryRoot(), "config", "config.example.yaml"), _ => null).Server;

        Assert.False(server.RequiresKey);
        Assert.False(server.AllowAnonymous);
        Assert.Equal(10 * 1024 * 1024, server.MaxRequestBytes);
        Assert.Equal(600, server.RateLimit!.RequestsPerMinute);
        Assert.Equal(2_000_000, server.RateLimit.TokensPerMinute);
        Assert.True(server.Reload);
        Assert.Equal(["gw-from-env-0123456789"], ConfigLoader.Load(Path.Combine(RepositoryRoot(), "config", "config.example.yaml"),
            name => name == "GATEWAY_API_KEY" ? "gw-from-env-0123456789" : null).Server.ApiKeys);
    }

    [Fact]
    public void Parse_SameText_SameVersionAndAnEditChangesIt()
    {
        var first = Parse(Llm).Version;

        Assert.Equal(first, Parse(Llm).Version);
        Assert.NotEqual(first, Parse(Llm + "# edited\n").Version);
        Assert.Matches("^[0-9a-f]{12}$", first);
    }
}
