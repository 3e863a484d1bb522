using Gateway.Selection;

namespace Gateway.Tests.Selection;

/// <summary>
/// Plain-words reading: every phrase of the guide's model selector section and of the issue, each with the backend, model and needs it
/// means. Backends and models count only after a directive word, so a task that merely mentions a product picks nothing.
/// </summary>
public sealed class PhraseReaderTests
{
    private static readonly string[] KnownModels = ["llama3", "qwen2.5-coder:14b", "gpt-4", "claude-3-opus-20240229", "local-model"];

    public static TheoryData<string, string?, string?, string> Phrases => new()
    {
        // The guide's phrases
        { "use gpt-4", "openai", "gpt-4", "" },
        { "use claude", "anthropic", null, "" },
        { "use anthropic opus", "anthropic", "opus", "" },
        { "use my openapi settings", "openai", null, "" },
        { "Using my OpenAPI settings use gpt-4 for this operation", "openai", "gpt-4", "" },
        { "Select the best model for code generation", null, null, "code" },
        { "Use Anthropic Claude for this analysis", "anthropic", null, "reasoning" },
        { "Generate complex Python code with type hints", null, null, "code,reasoning" },
        // The phrases
        { "use local ollama", "ollama", null, "" },
        { "use azure", "azure", null, "" },
        { "use lm studio", "lmstudio", null, "" },
        { "Use LM Studio for a quick answer", "lmstudio", null, "quick" },
        { "Summarize this long document", null, null, "long-context" },
        // A backend named outright beats the family a model implies
        { "use azure gpt-4", "azure", "gpt-4", "" },
        { "via ollama, please review this function", "ollama", null, "code" },
        { "switch to claude 3.5", "anthropic", "claude-3-5-sonnet", "" },
        { "use gpt4o", "openai", "gpt-4o", "" },
        { "prefer o1-mini for the math", "openai", "o1-mini", "reasoning" },
        { "use llama3", null, "llama3", "" },
        { "use qwen2.5-coder:14b to write it", null, "qwen2.5-coder:14b", "" },
        // Mentions without a directive, or after the clause ends, choose nothing
        { "Explain the Azure pricing page", null, null, "" },
        { "Compare claude and gpt-4 in a short table", null, null, "quick" },
        { "We use. Claude wrote this", null, null, "" },
        { "", null, null, "" },
    };

    [Theory]
    [MemberData(nameof(Phrases))]
    public void Read_Phrase_MeansWhatItSays(string phrase, string? backend, string? model, string needs)
    {
        var reading = PhraseReader.Read(phrase, KnownModels);

        Assert.Equal(backend, reading.Backend);
        Assert.Equal(model, reading.Model);
        Assert.Equal(needs, string.Join(',', reading.Needs.Select(TaskNeeds.Name)));
    }

    [Fact]
    public void Read_UseLocalModel_AsksForALocalBackendWithoutNamingOne()
    {
        var reading = PhraseReader.Read("use a local model for this", KnownModels);

        Assert.True(reading.Local);
        Assert.Null(reading.Backend);
    }

    [Fact]
    public void Read_LocalWithABackendName_IsThatBackendNotAnyLocalOne()
    {
        var reading = PhraseReader.Read("use local ollama", KnownModels);

        Assert.False(reading.Local);
        Assert.Equal("ollama", reading.Backend);
    }

    [Fact]
    public void Read_TwoDirectives_KeepsEachClauseAsWritten()
    {
        var reading = PhraseReader.Read("Using my OpenAPI settings use gpt-4 for this operation", KnownModels);

        Assert.Equal(["using my openapi settings", "use gpt-4 for this operation"], reading.Directives);
        Assert.Equal("openapi", reading.BackendWords);
    }
}
