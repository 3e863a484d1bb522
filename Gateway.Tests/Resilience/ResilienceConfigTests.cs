using Gateway.Configuration;
using Gateway.Resilience;
using Gateway.Routing;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Resilience;

/// <summary>The resilience keys: where they may stand, what an omitted one means, and how the most specific one wins.</summary>
public sealed class ResilienceConfigTests
{
    [Fact]
    public void Parse_NothingSet_BuiltInDefaults()
    {
        var config = Parse("llm:\n  ollama: {}\n");
        var limits = AttemptLimits.Resolve(config.Llm.Backends["ollama"].Resilience, config.Llm.GlobalDefaults.Resilience);

        Assert.Equal(TimeSpan.FromSeconds(120), limits.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(60), limits.StreamIdle);
        Assert.Equal(1, limits.MaxRetries);
        Assert.False(limits.TruncatePrompts);
        Assert.Equal(3, config.Llm.Resilience.FailuresBeforeCooldown);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Llm.Resilience.Cooldown);
    }

    [Fact]
    public void Parse_EveryKeySet_ReadWithFractionalSeconds()
    {
        var config = Parse("""
            llm:
              global_defaults:
                timeout_seconds: 0.5
                stream_idle_timeout_seconds: 2.5
                max_retries: 0
                truncate_prompts: true
              resilience:
                failures_before_cooldown: 5
                cooldown_seconds: 12.5
              ollama: {}
            """);

        var defaults = config.Llm.GlobalDefaults.Resilience;
        Assert.Equal(new ResilienceSettings { TimeoutSeconds = 0.5, StreamIdleTimeoutSeconds = 2.5, MaxRetries = 0, TruncatePrompts = true }, defaults);
        Assert.Equal(new CooldownSettings { FailuresBeforeCooldown = 5, CooldownSeconds = 12.5 }, config.Llm.Resilience);
    }

    [Fact]
    public void Resolve_ToolOverBackendOverGlobalDefaults_MostSpecificWinsKeyByKey()
    {
        var config = Parse("""
            llm:
              global_defaults: { timeout_seconds: 100, stream_idle_timeout_seconds: 50, max_retries: 3 }
              ollama: { timeout_seconds: 10, max_retries: 2 }
            tools:
              quick:
                timeout_seconds: 1
            """);

        var backend = AttemptLimits.Resolve(config.Llm.Backends["ollama"].Resilience, config.Llm.GlobalDefaults.Resilience);
        var tool = backend.With(config.Tools["quick"].Resilience);

        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(50), 2), (backend.Timeout, backend.StreamIdle, backend.MaxRetries));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(50), 2), (tool.Timeout, tool.StreamIdle, tool.MaxRetries));
    }

    [Fact]
    public void ResolveChat_Candidates_CarryTheirBackendsLimits()
    {
        var config = Parse("""
            llm:
              backend: ollama
              fallback_backends: [openai]
              global_defaults: { timeout_seconds: 100 }
              ollama: { timeout_seconds: 5, models: { generator: llama3 } }
              openai: { models: { generator: gpt-4o } }
            """);

        var plan = new RouteResolver(config, new EndpointPools()).ResolveChat("generator", null).Plan!;

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(100)], plan.Candidates.Select(c => c.Limits.Timeout));
    }

    [Theory]
    [InlineData("llm:\n  ollama:\n    timeout_seconds: 0\n", "3:22: llm.ollama.timeout_seconds: expected a number of seconds greater than 0, such as 30 or 0.5")]
    [InlineData("llm:\n  ollama: {}\n  global_defaults:\n    stream_idle_timeout_seconds: soon\n", "4:34: llm.global_defaults.stream_idle_timeout_seconds: expected a number from 0 to 86400, found 'soon'")]
    [InlineData("llm:\n  ollama:\n    max_retries: 1.5\n", "3:18: llm.ollama.max_retries: expected a whole number from 0 to 10, found '1.5'")]
    [InlineData("llm:\n  ollama:\n    max_retries: 11\n", "3:18: llm.ollama.max_retries: expected a number from 0 to 10, found '11'")]
    [InlineData("llm:\n  ollama:\n    truncate_prompts: sometimes\n", "3:23: llm.ollama.truncate_prompts: expected true or false, found 'sometimes'")]
    [InlineData("llm:\n  ollama: {}\n  resilience:\n    failures_before_cooldown: 0\n", "4:31: llm.resilience.failures_before_cooldown: expected a whole number greater than 0, found '0'")]
    [InlineData("llm:\n  ollama: {}\n  resilience:\n    cooldown: 30\n", "4:5: llm.resilience: unknown key 'cooldown'; valid keys: failures_before_cooldown, cooldown_seconds")]
    [InlineData("llm:\n  ollama: {}\ntools:\n  quick:\n    timeout_seconds: -1\n", "5:22: tools.quick.timeout_seconds: expected a number from 0 to 86400, found '-1'")]
    public void Parse_BadValue_ErrorWithPlaceAndWhatWouldBeValid(string yaml, string expected)
    {
        Assert.Equal($"test.yaml:{expected}", ParseError(yaml));
    }
}
