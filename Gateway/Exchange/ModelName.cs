using System.Globalization;

namespace Gateway.Exchange;

/// <summary>
/// What a <c>model</c> value may hold. Model names are keys (<c>generator</c>), names (<c>llama3.2:latest</c>, <c>gpt-4o-2024-08-06</c>),
/// hub paths (<c>hf.co/org/model:Q4_K_M</c>) or <c>backend/model</c>; they never hold control or invisible characters, path traversal,
/// or the characters that end a URL path (<c>? # % \</c>), which could only be an attempt to steer an upstream URL or a log line.
/// </summary>
internal static class ModelName
{
    public const int MaxLength = 256;

    private const string Valid = "a model name is a model key such as \"generator\", a model such as \"llama3.2:latest\", or \"<backend>/<model>\"";

    /// <summary>What is wrong with <paramref name="model"/> (already trimmed), or null when it can be a model name.</summary>
    public static string? Problem(string model)
    {
        if (model.Length > MaxLength)
        {
            return $"is {model.Length} characters long; {Valid}, at most {MaxLength} characters";
        }

        for (var i = 0; i < model.Length; i++)
        {
            if (CharacterProblem(model, i) is { } problem)
            {
                return $"contains {problem} at position {i + 1}; {Valid}";
            }
        }

        if (model.Contains("://", StringComparison.Ordinal))
        {
            return $"is a URL; {Valid}";
        }

        if (model.StartsWith('/') || model.Contains("//", StringComparison.Ordinal) || HasDotSegment(model))
        {
            return $"is a path ('/' at the start, '//' or a '.' or '..' segment); {Valid}";
        }

        return null;
    }

    private static string? CharacterProblem(string model, int i)
    {
        var c = model[i];
        if (char.IsHighSurrogate(c) && i + 1 < model.Length && char.IsLowSurrogate(model[i + 1]))
        {
            return null;
        }

        if (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(model[i - 1]))
        {
            return null;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.Control => $"a control character ({Code(c)})",
            UnicodeCategory.Format => $"an invisible formatting character ({Code(c)})",
            UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => $"a line break ({Code(c)})",
            UnicodeCategory.Surrogate => $"a lone UTF-16 surrogate ({Code(c)})",
            UnicodeCategory.SpaceSeparator => $"a space ({Code(c)})",
            _ when c is '?' or '#' or '%' or '\\' => $"'{c}', which cannot be part of a model name",
            _ => null,
        };
    }

    private static bool HasDotSegment(string model)
    {
        foreach (var range in model.AsSpan().Split('/'))
        {
            var segment = model.AsSpan()[range];
            if (segment is "." or "..")
            {
                return true;
            }
        }

        return false;
    }

    private static string Code(char c) => $"U+{(int)c:X4}";
}
