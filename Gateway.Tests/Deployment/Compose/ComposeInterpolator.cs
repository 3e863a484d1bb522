using System.Text;
using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Compose;

/// <summary>
/// Compose's interpolation of the values of a compose file from the caller's environment: <c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-default}</c>
/// (unset or empty), <c>${VAR-default}</c> (unset), <c>${VAR:?message}</c> / <c>${VAR?message}</c> (refuse), <c>${VAR:+alt}</c> / <c>${VAR+alt}</c>,
/// defaults that nest references, and <c>$$</c> for a literal <c>$</c>. Errors read as compose words them.
/// </summary>
internal static class ComposeInterpolator
{
    /// <summary>Interpolates every scalar value (keys stay as written) of <paramref name="node"/> in place, in document order.</summary>
    public static void Apply(YamlNode node, Func<string, string?> environment, string path = "")
    {
        switch (node)
        {
            case YamlScalarNode scalar when scalar.Value is { } value:
                scalar.Value = Interpolate(value, environment, path);
                break;
            case YamlMappingNode mapping:
                foreach (var (key, child) in mapping.Children)
                {
                    Apply(child, environment, path.Length == 0 ? key.ToString() : $"{path}.{key}");
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Apply(sequence.Children[i], environment, $"{path}[{i}]");
                }

                break;
        }
    }

    public static string Interpolate(string text, Func<string, string?> environment, string path)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c != '$')
            {
                result.Append(c);
            }
            else if (next == '$')
            {
                result.Append('$');
                i++;
            }
            else if (next == '{')
            {
                var close = MatchingBrace(text, i + 1) ?? throw Invalid(path);
                result.Append(Reference(text[(i + 2)..close], environment, path));
                i = close;
            }
            else if (char.IsAsciiLetter(next) || next == '_')
            {
                var end = i + 1;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }

                result.Append(environment(text[(i + 1)..end]) ?? "");
                i = end - 1;
            }
            else
            {
                throw Invalid(path);
            }
        }

        return result.ToString();
    }

    private static string Reference(string reference, Func<string, string?> environment, string path)
    {
        var end = 0;
        while (end < reference.Length && (char.IsAsciiLetterOrDigit(reference[end]) || reference[end] == '_'))
        {
            end++;
        }

        if (end == 0)
        {
            throw Invalid(path);
        }

        var name = reference[..end];
        var value = environment(name);
        if (end == reference.Length)
        {
            return value ?? "";
        }

        var colon = reference[end] == ':';
        var at = colon ? end + 1 : end;
        if (at >= reference.Length)
        {
            throw Invalid(path);
        }

        var operation = reference[at];
        var operand = reference[(at + 1)..];
        var missing = colon ? string.IsNullOrEmpty(value) : value is null;
        return operation switch
        {
            '-' => missing ? Interpolate(operand, environment, path) : value!,
            '+' => missing ? "" : Interpolate(operand, environment, path),
            '?' => missing
                ? throw new ComposeInterpolationException($"error while interpolating {path}: required variable {name} is missing a value"
                    + (operand.Length > 0 ? ": " + Interpolate(operand, environment, path) : ""))
                : value!,
            _ => throw Invalid(path),
        };
    }

    private static int? MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] == '{' ? 1 : text[i] == '}' ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return null;
    }

    private static ComposeInterpolationException Invalid(string path) =>
        new($"invalid interpolation format for {path}. You may need to escape any $ with another $.");
}
