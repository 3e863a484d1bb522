using Gateway.Exchange;
using Gateway.Security;

namespace Gateway.Tests.Security;

public sealed class ModelNameTests
{
    [Theory]
    [InlineData("generator")]
    [InlineData("llama3.2:latest")]
    [InlineData("gpt-4o-2024-08-06")]
    [InlineData("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M")]
    [InlineData("lmstudio-community/Meta-Llama-3-8B-Instruct-GGUF/Meta-Llama-3-8B-Instruct-Q4_K_M.gguf")]
    [InlineData("accounts/fireworks/models/llama-v3p1-8b-instruct")]
    [InlineData("claude-3-5-sonnet@20240620")]
    [InlineData("modèle-😀")]
    [InlineData("ollama/")]
    [InlineData("")]
    public void Problem_RealNames_None(string model) => Assert.Null(ModelName.Problem(model));

    [Theory]
    [InlineData("a\tb", "a control character (U+0009) at position 2")]
    [InlineData("a\u0085b", "a control character (U+0085) at position 2")]
    [InlineData("a\u200bb", "an invisible formatting character (U+200B) at position 2")]
    [InlineData("a\u2028b", "a line break (U+2028) at position 2")]
    [InlineData("a\u00a0b", "a space (U+00A0) at position 2")]
    [InlineData("..", "is a path")]
    [InlineData("ollama/./x", "is a path")]
    [InlineData("x/..", "is a path")]
    [InlineData("file://x", "is a URL")]
    public void Problem_NotAName_SaysWhatAndWhere(string model, string expected) =>
        Assert.StartsWith(expected, ModelName.Problem(model)!.Replace("contains ", "", StringComparison.Ordinal), StringComparison.Ordinal);

    [Fact]
    public void Problem_LoneSurrogate_SaysWhatAndWhere() =>
        Assert.Equal(
            "contains a lone UTF-16 surrogate (U+D800) at position 2; a model name is a model key such as \"generator\", a model such as \"llama3.2:latest\", or \"<backend>/<model>\"",
            ModelName.Problem("a" + (char)0xD800 + "b"));

    [Fact]
    public void Problem_LongerThanTheLimit_SaysTheLength() =>
        Assert.StartsWith("is 257 characters long", ModelName.Problem(new string('m', 257)), StringComparison.Ordinal);
}
