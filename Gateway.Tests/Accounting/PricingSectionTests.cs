using Gateway.Configuration;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Accounting;

/// <summary>The <c>pricing:</c> section.</summary>
public sealed class PricingSectionTests
{
    private const string OpenAi = "llm:\n  backend: openai\n  openai:\n    models: {generator: \"gpt-4o\", triage: \"gpt-4o-mini\"}\n";

    [Fact]
    public void Parse_PricingSection_ReadsDollarsPerMillionTokens()
    {
        var config = Parse(OpenAi + "pricing:\n  gpt-4o: {input_per_million: 2.5, output_per_million: 10}\n  gpt-4o-mini: {input_per_million: 0.15, output_per_million: 0.6}\n");

        Assert.Equal(new ModelPrice(2.5m, 10m), config.Pricing["gpt-4o"]);
        Assert.Equal(new ModelPrice(0.15m, 0.6m), config.Pricing["gpt-4o-mini"]);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void Parse_EmbeddingPriceWithInputOnly_OutputCostsNothing()
    {
        var config = Parse(OpenAi + "pricing:\n  text-embedding-3-small: {input_per_million: 0.02}\n");

        Assert.Equal(new ModelPrice(0.02m, 0m), config.Pricing["text-embedding-3-small"]);
    }

    [Fact]
    public void Parse_PaidModelsLeftUnpriced_OneWarningNamesThem()
    {
        var config = Parse(OpenAi + "  ollama:\n    models: {generator: \"llama3\"}\npricing:\n  gpt-4o: {input_per_million: 2.5, output_per_million: 10}\n");

        var warning = Assert.Single(config.Warnings);
        Assert.Contains("pricing: no price for openai/gpt-4o-mini; their cost is reported as unknown", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoPricingSection_NoWarningAndNoPrices()
    {
        var config = Parse(OpenAi);

        Assert.Empty(config.Pricing);
        Assert.Empty(config.Warnings);
    }

    [Theory]
    [InlineData("pricing:\n  gpt-4o: {input_per_million: -1}\n", "test.yaml:6:31: pricing.gpt-4o.input_per_million: expected a number from 0 to 1000000, found '-1'")]
    [InlineData("pricing:\n  gpt-4o: {input_per_milion: 2.5}\n", "test.yaml:6:12: pricing.gpt-4o: unknown key 'input_per_milion'; valid keys: input_per_million, output_per_million (did you mean 'input_per_million'?)")]
    [InlineData("pricing:\n  gpt-4o: 2.5\n", "test.yaml:6:11: pricing.gpt-4o: expected a mapping of input_per_million, output_per_million, found a single value")]
    public void Parse_BadPrice_ErrorSaysWhereAndWhatIsValid(string section, string expected)
    {
        Assert.Contains(expected, ParseError(OpenAi + section).Split('\n'));
    }

    [Fact]
    public void ConfigExample_PricesEveryPaidModelItUses_AtTheSeedsListPrices()
    {
        var config = ConfigLoader.Load(Path.Combine(RepositoryRoot(), "config", "config.example.yaml"), Environment());

        Assert.Equal(new ModelPrice(2.5m, 10m), config.Pricing["gpt-4o"]);
        Assert.Equal(new ModelPrice(0.15m, 0.6m), config.Pricing["gpt-4o-mini"]);
        Assert.Equal(new ModelPrice(3m, 15m), config.Pricing["claude-3-5-sonnet-20241022"]);
        Assert.Equal(new ModelPrice(30m, 60m), config.Pricing["gpt-4"]);
        Assert.Equal(new ModelPrice(0.02m, 0m), config.Pricing["text-embedding-3-small"]);
        Assert.DoesNotContain(config.Warnings, warning => warning.Contains("no price", StringComparison.Ordinal));
    }
}
