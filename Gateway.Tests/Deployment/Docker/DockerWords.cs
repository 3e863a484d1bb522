using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Deployment.Docker;

/// <summary>
/// The word rules of Dockerfile instructions: quotes and backslash escapes, <c>$VAR</c> / <c>${VAR}</c> / <c>${VAR:-word}</c> /
/// <c>${VAR:+word}</c> substitution from the build's variables (none inside single quotes), and the exec (JSON) versus shell form.
/// </summary>
internal static class DockerWords
{
    /// <summary>The words of <paramref name="text"/> after quote removal and substitution.</summary>
    public static List<string> Split(string text, IReadOnlyDictionary<string, string> variables)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c == '\'')
            {
                var close = text.IndexOf('\'', i + 1);
                if (close < 0)
                {
                    throw new FormatException($"unclosed single quote in: {text}");
                }

                word.Append(text, i + 1, close - i - 1);
                i = close;
            }
            else if (c == '"')
            {
                i = DoubleQuoted(text, i + 1, variables, word);
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                word.Append(text[++i]);
            }
            else if (c == '$')
            {
                i = Substitute(text, i, variables, word);
            }
            else
            {
                word.Append(c);
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>
    /// ENTRYPOINT, CMD, RUN and HEALTHCHECK CMD: a JSON array of strings is the exec form, taken as written; anything else is the shell
    /// form, which Docker runs as <c>/bin/sh -c "text"</c>. Neither form substitutes build variables.
    /// </summary>
    public static List<string> Command(string text)
    {
        if (text.StartsWith('['))
        {
            try
            {
                if (JsonSerializer.Deserialize<List<string>>(text) is { } exec)
                {
                    return exec;
                }
            }
            catch (JsonException)
            {
                // Docker too falls back to the shell form when the text is not a JSON array of strings.
            }
        }

        return ["/bin/sh", "-c", text];
    }

    /// <summary>Leading <c>--name=value</c> flags of COPY or HEALTHCHECK, and the words after them.</summary>
    public static (Dictionary<string, string> Flags, List<string> Words) Flags(List<string> words)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
        for (; at < words.Count && words[at].StartsWith("--", StringComparison.Ordinal); at++)
        {
            var equals = words[at].IndexOf('=', StringComparison.Ordinal);
            flags[equals < 0 ? words[at][2..] : words[at][2..equals]] = equals < 0 ? "true" : words[at][(equals + 1)..];
        }

        return (flags, words[at..]);
    }

    private static int DoubleQuoted(string text, int i, IReadOnlyDictionary<string, string> variables, StringBuilder word)
    {
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return i;
            }

            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$')
            {
                word.Append(text[++i]);
            }
            else if (c == '$')
            {
                i = Substitute(text, i, variables, word);
            }
            else
            {
                word.Append(c);
            }
        }

        throw new FormatException($"unclosed double quote in: {text}");
    }

    private static int Substitute(string text, int dollar, IReadOnlyDictionary<string, string> variables, StringBuilder word)
    {
        if (dollar + 1 < text.Length && text[dollar + 1] == '{')
        {
            var close = text.IndexOf('}', dollar + 2);
            if (close < 0)
            {
                throw new FormatException($"missing '}}' in: {text}");
            }

            var reference = text[(dollar + 2)..close];
            var colon = reference.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? reference : reference[..colon];
            var value = variables.GetValueOrDefault(name) ?? "";
            if (colon >= 0 && colon + 1 < reference.Length)
            {
                var operand = reference[(colon + 2)..];
                value = reference[colon + 1] switch
                {
                    '-' => value.Length == 0 ? operand : value,
                    '+' => value.Length == 0 ? "" : operand,
                    _ => throw new FormatException($"unsupported substitution ${{{reference}}}"),
                };
            }

            word.Append(value);
            return close;
        }

        var end = dollar + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        if (end == dollar + 1)
        {
            word.Append('$');
            return dollar;
        }

        word.Append(variables.GetValueOrDefault(text[(dollar + 1)..end]) ?? "");
        return end - 1;
    }
}
