using Gateway.Configuration;
using Gateway.Selection;
using static Gateway.Tests.Selection.SelectorFixture;

namespace Gateway.Tests.Selection;

/// <summary>Scoring with the configured weights over 0..1 sub-scores, constraints that filter, needs and preferences that reorder.</summary>
public sealed class ModelSelectorTests
{
    [Fact]
    public void Select_DefaultWeights_EachWeightIsItsShareOfAHundredPoints()
    {
        var outcome = Selector().Select(All());

        Assert.Equal([Haiku, Qwen, Opus, Tiny], outcome.Ranking());
        var haiku = outcome.Recommendations[0].Breakdown;
        // context 1 × 30, very-fast 1 × 25, low ⅔ × 15, good ⅔ × 15, no need read: 0.5 × 15
        Assert.Equal((30, 25, 10, 10, 7.5), (Round(haiku.ContextWindow), Round(haiku.Speed), Round(haiku.Cost), Round(haiku.Quality), Round(haiku.Specialization)));
        Assert.Equal(82.5, Round(haiku.Total));
    }

    [Theory]
    [InlineData("{quality: 100, context_window: 0, speed: 0, cost: 0, specialization: 0}", new[] { Opus, Qwen, Haiku, Tiny })]
    [InlineData("{cost: 100, context_window: 0, speed: 0, quality: 0, specialization: 0}", new[] { Qwen, Tiny, Haiku, Opus })]
    [InlineData("{speed: 1, context_window: 0, cost: 0, quality: 0, specialization: 0}", new[] { Haiku, Tiny, Qwen, Opus })]
    [InlineData("{context_window: 30, speed: 0, cost: 60, quality: 15, specialization: 15}", new[] { Qwen, Haiku, Tiny, Opus })]
    public void Select_ChangedWeights_ChangeTheRankingAsTheyState(string weights, string[] expected)
    {
        var outcome = WithWeights(weights).Select(All());

        Assert.Equal(expected, outcome.Ranking());
    }

    [Fact]
    public void Select_WeightsScaledTogether_GiveTheSameScores()
    {
        var defaults = Selector().Select(All());
        var doubled = WithWeights("{context_window: 60, speed: 50, cost: 30, quality: 30, specialization: 30}").Select(All());

        Assert.Equal(defaults.Recommendations.Select(r => Round(r.Breakdown.Total)), doubled.Recommendations.Select(r => Round(r.Breakdown.Total)));
    }

    [Theory]
    [InlineData("Write a Python function that parses dates", new[] { Qwen, Haiku })]
    [InlineData("Give me the weather", new[] { Haiku, Qwen })]
    public void Select_NeedWords_ShiftTheSpecializationScore(string task, string[] top)
    {
        var outcome = Selector().Select(All(task));

        Assert.Equal(top, outcome.Ranking().Take(2));
    }

    [Fact]
    public void Select_CodeTask_MeetingTheNeedEarnsTheWholeSpecializationWeight()
    {
        var outcome = Selector().Select(All("refactor this code"));

        var byModel = outcome.Recommendations.ToDictionary(r => r.Profile.ToString());
        Assert.Equal(15, Round(byModel[Qwen].Breakdown.Specialization));
        Assert.Equal(0, Round(byModel[Opus].Breakdown.Specialization));
    }

    [Fact]
    public void Select_LongDocument_AsksForAWindowOf128kToScoreFully()
    {
        var outcome = Selector().Select(All("Summarize this long document"));

        var byModel = outcome.Recommendations.ToDictionary(r => r.Profile.ToString());
        Assert.Equal(30, Round(byModel[Qwen].Breakdown.ContextWindow));
        Assert.Equal(0, Round(byModel[Tiny].Breakdown.ContextWindow));
        Assert.Equal(1, ModelScorer.ContextScore(32_768, longContext: false));
        Assert.Equal(4.0 / 6, ModelScorer.ContextScore(32_768, longContext: true), 6);
    }

    private static readonly Dictionary<string, SelectionConstraints> Constraints = new()
    {
        ["max_cost low"] = new() { MaxCost = CostTier.Low },
        ["max_cost free"] = new() { MaxCost = CostTier.Free },
        ["min_speed fast"] = new() { MinSpeed = SpeedTier.Fast },
        ["min_context 100000"] = new() { MinContext = 100_000 },
        ["backends anthropic"] = new() { Backends = ["anthropic"] },
        ["max_cost free, min_speed very-fast"] = new() { MaxCost = CostTier.Free, MinSpeed = SpeedTier.VeryFast },
    };

    public static TheoryData<string, string[]> ConstraintCases => new()
    {
        { "max_cost low", [Haiku, Qwen, Tiny] },
        { "max_cost free", [Qwen, Tiny] },
        { "min_speed fast", [Haiku, Tiny] },
        { "min_context 100000", [Haiku, Qwen, Opus] },
        { "backends anthropic", [Haiku, Opus] },
        { "max_cost free, min_speed very-fast", [Tiny] },
    };

    [Theory]
    [MemberData(nameof(ConstraintCases))]
    public void Select_Constraints_FilterRatherThanPenalize(string constraints, string[] expected)
    {
        var outcome = Selector().Select(All() with { Constraints = Constraints[constraints] });

        Assert.Equal(expected, outcome.Ranking());
        Assert.Equal(expected.Length, outcome.Considered);
    }

    [Fact]
    public void Select_ConstraintExcludesThePreferredModel_ItIsNotRecommendedAndANoteSaysWhy()
    {
        var outcome = Selector().Select(All("use anthropic opus") with { Constraints = new SelectionConstraints { MaxCost = CostTier.Low } });

        Assert.Equal([Haiku, Qwen, Tiny], outcome.Ranking());
        Assert.Equal(["No model matching 'opus' meets the constraints; the ranking ignores that preference."], outcome.Notes);
    }

    [Fact]
    public void Select_ImpossibleConstraints_FailSayingWhichStepEmptiedTheList()
    {
        var outcome = Selector().Select(All() with { Constraints = new SelectionConstraints { MaxCost = CostTier.Free, MinContext = 150_000 } });

        Assert.False(outcome.IsSuccess);
        Assert.Equal(
            "No model meets the constraints: of 4 models in the catalogue, max_cost free keeps 2, then min_context 150000 keeps 0; "
            + "the largest context window among them is 131072 tokens. Loosen that constraint.",
            outcome.Failure);
    }

    [Fact]
    public void Select_EmptyCatalogue_FailsSayingWhereModelsComeFrom()
    {
        var outcome = Selector("llm:\n  ollama: {}\n").Select(All());

        Assert.False(outcome.IsSuccess);
        Assert.StartsWith("The model catalogue is empty: no backend names a model.", outcome.Failure, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[]> Directives => new()
    {
        { "use anthropic opus", [Opus, Haiku, Qwen, Tiny] },
        { "use claude", [Haiku, Opus, Qwen, Tiny] },
        { "use ollama", [Qwen, Tiny, Haiku, Opus] },
        { "use a local model", [Qwen, Tiny, Haiku, Opus] },
        { "use tinyllama", [Tiny, Haiku, Qwen, Opus] },
        { "use haiku", [Haiku, Opus, Qwen, Tiny] },
    };

    [Theory]
    [MemberData(nameof(Directives))]
    public void Select_Directive_RanksWhatItNamesFirst(string phrase, string[] expected)
    {
        Assert.Equal(expected, Selector().Select(All(phrase)).Ranking());
    }

    [Theory]
    [InlineData("use azure", "The request asks for 'azure' (backend azure), which is not configured; configured backends: ollama, anthropic.")]
    [InlineData("use lm studio", "The request asks for 'lm studio' (backend lmstudio), which is not configured; configured backends: ollama, anthropic.")]
    [InlineData("use my openapi settings", "The request asks for 'openapi' (backend openai), which is not configured; configured backends: ollama, anthropic.")]
    public void Select_DirectiveNamingAnUnconfiguredBackend_SaysSoInsteadOfPickingAnother(string phrase, string expectedStart)
    {
        var outcome = Selector().Select(All(phrase));

        Assert.False(outcome.IsSuccess);
        Assert.StartsWith(expectedStart, outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_LocalModelWithoutLocalBackend_SaysSo()
    {
        var outcome = Selector("llm:\n  anthropic:\n    models: {writer: \"claude-3-haiku-20240307\"}\n").Select(All("use a local model"));

        Assert.Equal("The request asks for a local model, but neither ollama nor lmstudio is configured; configured backends: anthropic.", outcome.Failure);
    }

    [Fact]
    public void Select_GivenPreferences_BeatDirectivesInTheText()
    {
        var outcome = Selector().Select(All("use claude") with { BackendPreference = "ollama", ModelPreference = "tinyllama" });

        Assert.Equal([Tiny, Qwen], outcome.Ranking().Take(2));
    }

    [Fact]
    public void Select_ModelPreferenceMatchingNothing_IsNotedAndIgnored()
    {
        var outcome = Selector().Select(All() with { ModelPreference = "gpt-4" });

        Assert.Equal([Haiku, Qwen, Opus, Tiny], outcome.Ranking());
        Assert.Equal(["No configured model matches 'gpt-4'; the ranking ignores that preference."], outcome.Notes);
    }

    [Fact]
    public void Select_TopK_LimitsTheAnswerAndRanksFromOne()
    {
        var outcome = Selector().Select(new SelectionQuery { TopK = 2 });

        Assert.Equal([1, 2], outcome.Recommendations.Select(r => r.Rank));
    }

    [Fact]
    public void Select_Recommendation_ExplainsItsScoreAndTraits()
    {
        var outcome = Selector().Select(All("use anthropic opus for careful analysis"));

        Assert.Equal(
            "anthropic/claude-3-opus-20240229 (model key 'overseer') matches the requested model 'opus' on anthropic; scores 66.25 of 100: "
            + "slow speed, excellent quality, high cost, 200000 tokens of context (known for this model family). "
            + "Best for analysis, reasoning, complex-tasks, long-context, documents, books; meets reasoning of the task's needs (reasoning).",
            outcome.Recommendations[0].Reasoning);
    }

    private static double Round(double value) => Math.Round(value, 2);
}
