using System.Text;

namespace Gateway.Configuration;

/// <summary>
/// Expands <c>${VAR}</c> and <c>${VAR:-default}</c> anywhere in a string (several per string); <c>$$</c> is a literal <c>$</c>
/// and a <c>$</c> not followed by <c>{</c> stays as it is. An unset or empty variable without a default expands to empty;
/// <c>:-</c> uses its (literal) default in both cases.
/// </summary>
internal static class EnvExpander
{
    /// <summary>The expanded text, and the variables that were referenced without a default but are unset or empty.</summary>
    internal readonly record struct Expansion(string Value, IReadOnlyList<string> Unset);

    /// <summary>
    /// Expands <paramref name="text"/>. Returns false with <paramref name="error"/> set when a reference is malformed;
    /// the error never repeats the text, which may hold a secret.
    /// </summary>
    public static bool TryExpand(string text, Func<string, string?> environment, out Expansion expansion, out string? error)
    {
        error = null;
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            expansion = new Expansion(text, []);
            return true;
        }

        var result = new StringBuilder(text.Length);
        List<string>? unset = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c != '$' || (next != '$' && next != '{'))
            {
                result.Append(c);
                i++;
                continue;
            }

            if (next == '$')
            {
                result.Append('$');
                i += 2;
                continue;
            }

            var close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                expansion = default;
                error = "a '${' has no closing '}' (write '$$' for a literal '$')";
                return false;
            }

            var reference = text.AsSpan(i + 2, close - i - 2);
            var separator = reference.IndexOf(":-", StringComparison.Ordinal);
            var name = separator < 0 ? reference : reference[..separator];
            if (!IsVariableName(name))
            {
                expansion = default;
                error = "a '${...}' reference needs a variable name made of letters, digits and '_' (write '$$' for a literal '$')";
                return false;
            }

            var nameText = name.ToString();
            var value = environment(nameText);
            if (string.IsNullOrEmpty(value))
            {
                if (separator >= 0)
                {
                    value = reference[(separator + 2)..].ToString();
                }
                else
                {
                    (unset ??= []).Add(nameText);
                    value = "";
                }
            }

            result.Append(value);
            i = close + 1;
        }

        expansion = new Expansion(result.ToString(), unset ?? (IReadOnlyList<string>)[]);
        return true;
    }

    private static bool IsVariableName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
