using Gateway.Configuration;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Configuration;

/// <summary><c>${VAR}</c>, <c>${VAR:-default}</c> and <c>$$</c> inside scalar strings.</summary>
public sealed class EnvExpanderTests
{
    private static readonly Func<string, string?> Variables = Environment(("HOST", "gpu1"), ("PORT", "11500"), ("EMPTY", ""));

    [Theory]
    [InlineData("http://${HOST}:11434", "http://gpu1:11434")]
    [InlineData("${HOST}", "gpu1")]
    [InlineData("http://${HOST}:${PORT}/v1", "http://gpu1:11500/v1")]
    [InlineData("${MISSING:-fallback}", "fallback")]
    [InlineData("${HOST:-fallback}", "gpu1")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${MISSING:-}", "")]
    [InlineData("price: $$5", "price: $5")]
    [InlineData("$${HOST}", "${HOST}")]
    [InlineData("costs $5 and $", "costs $5 and $")]
    [InlineData("no variables", "no variables")]
    public void TryExpand_Text_ExpandsEveryReference(string text, string expected)
    {
        Assert.True(EnvExpander.TryExpand(text, Variables, out var expansion, out _));
        Assert.Equal(expected, expansion.Value);
        Assert.Empty(expansion.Unset);
    }

    [Fact]
    public void TryExpand_UnsetWithoutDefault_ExpandsEmptyAndReportsTheName()
    {
        Assert.True(EnvExpander.TryExpand("a${MISSING}b${EMPTY}c", Variables, out var expansion, out _));

        Assert.Equal("abc", expansion.Value);
        Assert.Equal(["MISSING", "EMPTY"], expansion.Unset);
    }

    [Theory]
    [InlineData("key-${HOST")]
    [InlineData("key-${}")]
    [InlineData("key-${1ABC}")]
    [InlineData("key-${A B}")]
    public void TryExpand_MalformedReference_FailsWithoutRepeatingTheText(string text)
    {
        Assert.False(EnvExpander.TryExpand(text, Variables, out _, out var error));

        Assert.NotNull(error);
        Assert.DoesNotContain("key-", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReferencesInUrlsModelsAndNumbers_AreExpanded()
    {
        const string yaml = """
            llm:
              ollama:
                base_url: "http://${HOST}:${PORT:-11434}"
                models:
                  generator: "${GENERATOR:-qwen2.5-coder:14b}"
              global_defaults:
                temperature: ${TEMPERATURE:-0.4}
                max_tokens: ${MAX_TOKENS}
            """;

        var config = Parse(yaml, ("HOST", "gpu1"), ("MAX_TOKENS", "512"));

        Assert.Equal("http://gpu1:11434", config.Llm.Backends["ollama"].BaseUrl);
        Assert.Equal("qwen2.5-coder:14b", config.Llm.Backends["ollama"].Models["generator"]);
        Assert.Equal(0.4, config.Llm.GlobalDefaults.Temperature);
        Assert.Equal(512, config.Llm.GlobalDefaults.MaxTokens);
    }

    [Fact]
    public void Parse_UnsetVariableLeavingABrokenUrl_NamesTheVariable()
    {
        Assert.Equal(
            "test.yaml:3:15: llm.ollama.base_url: expected an absolute http(s) URL such as http://localhost:11434; this value is not a valid URL (HOST is not set)",
            ParseError("llm:\n  ollama:\n    base_url: \"http://${HOST}:11434\"\n"));
    }

    [Fact]
    public void Parse_EscapedDollarInAPrompt_StaysLiteral()
    {
        var tool = Parse("llm:\n  ollama: {}\ntools:\n  pricer:\n    system_prompt: \"Quote prices as $$5, never ${CURRENCY:-USD}\"\n").Tools["pricer"];

        Assert.Equal("Quote prices as $5, never USD", tool.SystemPrompt);
    }
}
