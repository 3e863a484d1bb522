using System.Text;

namespace Gateway.Configuration;

/// <summary>
/// Loads <c>KEY=VALUE</c> lines from a <c>.env</c> file into the environment without overriding variables that are already set.
/// Blank lines and <c>#</c> comments are skipped; <c>export </c> is allowed before the key; values may be single-quoted (literal),
/// double-quoted (with <c>\n</c>, <c>\t</c>, <c>\"</c>, <c>\\</c> escapes) or bare, where a <c> #</c> starts a comment.
/// A missing file is not an error. A malformed line is, named by file and line but never by its value.
/// </summary>
internal static class DotEnvFile
{
    private const string ExportPrefix = "export ";

    /// <summary>Applies the file to the process environment.</summary>
    public static void Apply(string path) => Apply(path, Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);

    public static void Apply(string path, Func<string, string?> get, Action<string, string> set)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (!TryParse(line, out var key, out var value, out var problem))
            {
                throw new ConfigException($"{path}:{i + 1}: {problem}");
            }

            if (get(key) is null)
            {
                set(key, value);
            }
        }
    }

    private static bool TryParse(string line, out string key, out string value, out string problem)
    {
        key = value = problem = "";
        if (line.StartsWith(ExportPrefix, StringComparison.Ordinal))
        {
            line = line[ExportPrefix.Length..].TrimStart();
        }

        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            problem = "expected KEY=VALUE";
            return false;
        }

        key = line[..equals].Trim();
        if (!IsKey(key))
        {
            problem = "the name before '=' must be made of letters, digits and '_'";
            return false;
        }

        var raw = line[(equals + 1)..].TrimStart();
        if (raw.Length > 0 && raw[0] is '"' or '\'')
        {
            return TryParseQuoted(raw, out value, out problem);
        }

        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        value = (comment < 0 ? raw : raw[..comment]).TrimEnd();
        return true;
    }

    private static bool TryParseQuoted(string raw, out string value, out string problem)
    {
        var quote = raw[0];
        var builder = new StringBuilder(raw.Length);
        var i = 1;
        for (; i < raw.Length && raw[i] != quote; i++)
        {
            if (quote == '"' && raw[i] == '\\' && i + 1 < raw.Length)
            {
                i++;
                builder.Append(raw[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
            }
            else
            {
                builder.Append(raw[i]);
            }
        }

        var rest = i < raw.Length ? raw[(i + 1)..].TrimStart() : null;
        if (rest is null || (rest.Length > 0 && rest[0] != '#'))
        {
            value = "";
            problem = rest is null ? $"the value has no closing {quote}" : $"unexpected text after the closing {quote}";
            return false;
        }

        value = builder.ToString();
        problem = "";
        return true;
    }

    private static bool IsKey(string key)
    {
        if (key.Length == 0 || char.IsAsciiDigit(key[0]))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
