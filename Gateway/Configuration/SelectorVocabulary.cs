namespace Gateway.Configuration;

/// <summary>How quickly a model answers, slowest first.</summary>
internal enum SpeedTier
{
    Slow,
    Medium,
    Fast,
    VeryFast,
}

/// <summary>What a model costs to run, cheapest first.</summary>
internal enum CostTier
{
    Free,
    Low,
    Medium,
    High,
}

/// <summary>How good a model's answers are, weakest first.</summary>
internal enum QualityTier
{
    Fair,
    Good,
    Excellent,
}

/// <summary>
/// The words of <c>model_selector</c>: tier names as written in the config and in answers (<c>very-fast</c>, <c>free</c>, <c>excellent</c>)
/// and the specializations a model can be best for.
/// </summary>
internal static class SelectorVocabulary
{
    public static IReadOnlyList<string> SpeedNames { get; } = ["slow", "medium", "fast", "very-fast"];

    public static IReadOnlyList<string> CostNames { get; } = ["free", "low", "medium", "high"];

    public static IReadOnlyList<string> QualityNames { get; } = ["fair", "good", "excellent"];

    /// <summary>Every specialization, grouped as the task needs use them: code, reasoning, quick answers, long context, general.</summary>
    public static IReadOnlyList<string> Specializations { get; } =
    [
        "code-generation", "debugging", "refactoring",
        "analysis", "reasoning", "complex-tasks",
        "quick-responses", "simple-tasks", "triage",
        "long-context", "documents", "books",
        "general-tasks",
    ];

    public static string Name(SpeedTier tier) => SpeedNames[(int)tier];

    public static string Name(CostTier tier) => CostNames[(int)tier];

    public static string Name(QualityTier tier) => QualityNames[(int)tier];

    public static bool TryParse(string text, out SpeedTier tier) => TryParse(SpeedNames, text, out tier);

    public static bool TryParse(string text, out CostTier tier) => TryParse(CostNames, text, out tier);

    public static bool TryParse(string text, out QualityTier tier) => TryParse(QualityNames, text, out tier);

    private static bool TryParse<T>(IReadOnlyList<string> names, string text, out T tier)
        where T : struct, Enum
    {
        var trimmed = text.Trim();
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], trimmed, StringComparison.OrdinalIgnoreCase))
            {
                tier = (T)Enum.ToObject(typeof(T), i);
                return true;
            }
        }

        tier = default;
        return false;
    }
}
