using Gateway.Configuration;
using Gateway.Selection;

namespace Gateway.Tests.Selection;

/// <summary>What a model's name says about it, including the corrections to the original rules (gpt-4o is fast, 1b models are fair).</summary>
public sealed class ModelTraitsTests
{
    public static TheoryData<string, string, string, string> Names => new()
    {
        // model, speed, quality, specializations (with a 8192 window)
        { "gpt-4", "slow", "excellent", "analysis,reasoning,complex-tasks" },
        { "gpt-4-turbo", "fast", "excellent", "analysis,reasoning,complex-tasks" },
        { "gpt-4o", "fast", "excellent", "analysis,reasoning,complex-tasks" },
        { "gpt-4o-mini", "very-fast", "good", "quick-responses,simple-tasks,triage" },
        { "gpt-3.5-turbo", "fast", "good", "general-tasks" },
        { "o1-preview", "slow", "excellent", "analysis,reasoning,complex-tasks" },
        { "claude-3-5-sonnet-20241022", "medium", "excellent", "analysis,reasoning,complex-tasks" },
        { "claude-3-opus-20240229", "slow", "excellent", "analysis,reasoning,complex-tasks" },
        { "claude-3-haiku-20240307", "very-fast", "good", "quick-responses,simple-tasks,triage" },
        { "llama3", "medium", "good", "general-tasks" },
        { "qwen2.5-coder:14b", "medium", "good", "code-generation,debugging,refactoring" },
        { "codellama", "medium", "good", "code-generation,debugging,refactoring" },
        { "tinyllama", "very-fast", "fair", "quick-responses,simple-tasks,triage" },
        { "gemma3:1b", "very-fast", "fair", "quick-responses,simple-tasks,triage" },
        { "gemma3_1b", "very-fast", "fair", "quick-responses,simple-tasks,triage" },
        { "mistral-7b-instruct", "fast", "good", "general-tasks" },
        { "deepseek-coder-v2:16b", "slow", "good", "code-generation,debugging,refactoring" },
        { "local-model", "medium", "fair", "general-tasks" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Infer_ModelName_GivesItsTraits(string model, string speed, string quality, string specializations)
    {
        var inferredSpeed = ModelTraits.Speed(model);

        Assert.Equal(speed, SelectorVocabulary.Name(inferredSpeed));
        Assert.Equal(quality, SelectorVocabulary.Name(ModelTraits.Quality(model)));
        Assert.Equal(specializations, string.Join(',', ModelTraits.Specializations(model, inferredSpeed, 8192)));
    }

    [Theory]
    [InlineData("ollama", "llama3", "free")]
    [InlineData("lmstudio", "local-model", "free")]
    [InlineData("openai", "gpt-4o", "high")]
    [InlineData("openai", "gpt-4o-mini", "low")]
    [InlineData("openai", "gpt-3.5-turbo", "low")]
    [InlineData("azure", "gpt-4", "high")]
    [InlineData("azure", "gpt-35-turbo", "low")]
    [InlineData("anthropic", "claude-3-opus-20240229", "high")]
    [InlineData("anthropic", "claude-3-5-sonnet-20241022", "medium")]
    [InlineData("anthropic", "claude-3-haiku-20240307", "low")]
    public void Cost_BackendAndModel_GiveTheTier(string backend, string model, string cost)
    {
        Assert.True(BackendNames.TryGetKind(backend, out var kind));
        Assert.Equal(cost, SelectorVocabulary.Name(ModelTraits.Cost(kind, model)));
    }

    [Fact]
    public void Specializations_WindowOf100kOrMore_AddsLongContext()
    {
        Assert.Equal(
            ["general-tasks"],
            ModelTraits.Specializations("mistral-nemo", SpeedTier.Medium, 32_000));
        Assert.Equal(
            ["long-context", "documents", "books"],
            ModelTraits.Specializations("mistral-nemo", SpeedTier.Medium, 128_000));
    }

    [Theory]
    [InlineData("qwen2.5-coder:14b", 14.0)]
    [InlineData("qwen2.5:0.5b", 0.5)]
    [InlineData("phi3:3.8b", 3.8)]
    [InlineData("llama3", null)]
    [InlineData("gpt-4o", null)]
    [InlineData("model-8bit", null)]
    public void SizeInBillions_SizeTag_IsRead(string model, double? size)
    {
        Assert.Equal(size, ModelTraits.SizeInBillions(model));
    }
}
