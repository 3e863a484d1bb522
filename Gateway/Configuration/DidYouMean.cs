namespace Gateway.Configuration;

/// <summary>Suggests the valid name closest to a misspelt one (case-insensitive edit distance of at most 2).</summary>
internal static class DidYouMean
{
    private const int MaxDistance = 2;

    /// <summary>The closest candidate, or null when none is within reach.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = MaxDistance + 1;
        foreach (var candidate in candidates)
        {
            var distance = Distance(input, candidate);
            if (distance < bestDistance && distance < candidate.Length && !string.Equals(input, candidate, StringComparison.Ordinal))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary><c> (did you mean 'x'?)</c>, or an empty string.</summary>
    public static string Hint(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } closest ? $" (did you mean '{closest}'?)" : "";

    /// <summary>Levenshtein distance, ignoring case.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
