using Gateway.Configuration;

namespace Gateway.Selection;

/// <summary>
/// What a model's name says about it, for models no <c>model_selector.models</c> entry describes. Matching is case-insensitive on
/// parts of the name; the first rule that matches wins, and the size tag of local models (<c>:14b</c>, <c>_1b</c>, <c>-7b</c>) counts.
/// </summary>
internal static class ModelTraits
{
    /// <summary>Assumed when neither the config nor <see cref="KnownContextWindow"/> knows a model's window.</summary>
    public const int AssumedContextWindow = 8192;

    /// <summary>From this window on, a model is good for long documents.</summary>
    public const int LongContext = 100_000;

    private static readonly string[] VeryFastWords = ["tiny", "small", "mini", "nano", "haiku", "flash"];
    private static readonly string[] FastWords = ["turbo", "3.5", "gpt-35", "gpt-4o"];
    private static readonly string[] SlowWords = ["opus", "gpt-4", "o1", "o3"];
    private static readonly string[] ExcellentWords = ["opus", "gpt-4", "claude-3-5", "claude-3.5", "sonnet-4", "o1", "o3"];
    private static readonly string[] GoodWords = ["sonnet", "haiku", "claude", "gpt-3.5", "gpt-35", "llama3", "qwen", "mistral", "gemma", "deepseek", "codellama", "phi"];
    private static readonly string[] CodeWords = ["code", "coder", "codestral"];
    private static readonly string[] ReasoningWords = ["gpt-4", "opus", "sonnet", "o1", "o3"];

    /// <summary>Known windows by name part, most specific first (the original catalogue's table).</summary>
    private static readonly (string Part, int Window)[] KnownWindows =
    [
        ("gpt-4o", 128_000), ("gpt-4-turbo", 128_000), ("gpt-4-32k", 32_768), ("gpt-4", 8_192), ("gpt-3.5", 16_385), ("gpt-35", 16_385),
        ("claude", 200_000), ("mistral-nemo", 128_000), ("llama3", 8_192), ("qwen", 32_768),
    ];

    public static SpeedTier Speed(string model)
    {
        var name = model.ToLowerInvariant();
        if (ContainsAny(name, VeryFastWords))
        {
            return SpeedTier.VeryFast;
        }

        if (SizeInBillions(name) is { } size)
        {
            return size switch
            {
                <= 3 => SpeedTier.VeryFast,
                <= 8 => SpeedTier.Fast,
                <= 14 => SpeedTier.Medium,
                _ => SpeedTier.Slow,
            };
        }

        return ContainsAny(name, FastWords) ? SpeedTier.Fast
            : ContainsAny(name, SlowWords, wholeFirstPart: true) ? SpeedTier.Slow
            : SpeedTier.Medium;
    }

    public static QualityTier Quality(string model)
    {
        var name = model.ToLowerInvariant();
        if (name.Contains("mini", StringComparison.Ordinal))
        {
            return QualityTier.Good;
        }

        if (name.Contains("tiny", StringComparison.Ordinal) || SizeInBillions(name) is <= 3)
        {
            return QualityTier.Fair;
        }

        return ContainsAny(name, ExcellentWords, wholeFirstPart: true) ? QualityTier.Excellent
            : ContainsAny(name, GoodWords) ? QualityTier.Good
            : QualityTier.Fair;
    }

    /// <summary>Local backends are free; hosted ones by model family (OpenAI's names for OpenAI and Azure).</summary>
    public static CostTier Cost(BackendKind kind, string model)
    {
        var name = model.ToLowerInvariant();
        return kind switch
        {
            BackendKind.Ollama or BackendKind.LMStudio => CostTier.Free,
            BackendKind.Anthropic => name.Contains("opus", StringComparison.Ordinal) ? CostTier.High
                : name.Contains("haiku", StringComparison.Ordinal) ? CostTier.Low
                : CostTier.Medium,
            _ => ContainsAny(name, ["mini", "nano", "gpt-3.5", "gpt-35"]) ? CostTier.Low
                : ContainsAny(name, ["gpt-4", "o1", "o3"], wholeFirstPart: true) ? CostTier.High
                : CostTier.Medium,
        };
    }

    /// <summary>
    /// Code models (<c>coder</c>, <c>code</c>) for code; the strong hosted families for analysis; very fast models for quick answers;
    /// windows of 100k tokens and more for long documents; otherwise general tasks.
    /// </summary>
    public static IReadOnlyList<string> Specializations(string model, SpeedTier speed, int contextWindow)
    {
        var name = model.ToLowerInvariant();
        var specializations = new List<string>();
        if (ContainsAny(name, CodeWords))
        {
            specializations.AddRange(TaskNeeds.MetBy(TaskNeed.Code));
        }

        if (ContainsAny(name, ReasoningWords, wholeFirstPart: true) && !name.Contains("mini", StringComparison.Ordinal))
        {
            specializations.AddRange(TaskNeeds.MetBy(TaskNeed.Reasoning));
        }

        if (speed == SpeedTier.VeryFast)
        {
            specializations.AddRange(TaskNeeds.MetBy(TaskNeed.Quick));
        }

        if (contextWindow >= LongContext)
        {
            specializations.AddRange(TaskNeeds.MetBy(TaskNeed.LongContext));
        }

        if (specializations.Count == 0)
        {
            specializations.Add("general-tasks");
        }

        return specializations;
    }

    /// <summary>The window the model family is known to have, or null.</summary>
    public static int? KnownContextWindow(string model)
    {
        var name = model.ToLowerInvariant();
        foreach (var (part, window) in KnownWindows)
        {
            if (name.Contains(part, StringComparison.Ordinal))
            {
                return window;
            }
        }

        return null;
    }

    /// <summary>
    /// The parameter count of a size tag such as <c>:14b</c>, <c>_1b</c>, <c>-0.5b</c> (digits, optionally a decimal part, then <c>b</c>,
    /// standing as a part of the name of its own), or null.
    /// </summary>
    internal static double? SizeInBillions(string name)
    {
        for (var start = 0; start < name.Length; start++)
        {
            if (!char.IsAsciiDigit(name[start]) || (start > 0 && char.IsAsciiLetterOrDigit(name[start - 1]) || (start > 0 && name[start - 1] == '.')))
            {
                continue;
            }

            var end = start;
            while (end < name.Length && (char.IsAsciiDigit(name[end]) || name[end] == '.'))
            {
                end++;
            }

            var closed = end + 1 >= name.Length || !char.IsAsciiLetterOrDigit(name[end + 1]);
            if (end < name.Length && name[end] == 'b' && closed
                && double.TryParse(name.AsSpan(start, end - start), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var size))
            {
                return size;
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="name"/> contains one of <paramref name="words"/>. With <paramref name="wholeFirstPart"/>, a word
    /// such as <c>o1</c> counts only as the whole first part of the name (<c>o1-preview</c>), not inside another (<c>llama3-o1x</c>).
    /// </summary>
    private static bool ContainsAny(string name, string[] words, bool wholeFirstPart = false)
    {
        foreach (var word in words)
        {
            if (word.Length <= 2 && wholeFirstPart)
            {
                if (name == word || name.StartsWith(word + "-", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            else if (name.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
