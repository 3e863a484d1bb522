using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Deployment.Docker;

/// <summary>
/// The <c>.dockerignore</c> of a build context, matched as Docker does: patterns relative to the context root, <c>*</c> and <c>?</c>
/// within one path segment, <c>**</c> across segments, <c>!</c> re-including, the last matching line deciding, and a path excluded
/// when it or any folder above it is.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> _rules;

    private DockerIgnore(List<(Regex, bool)> rules) => _rules = rules;

    public static DockerIgnore Of(string contextDirectory)
    {
        var file = Path.Combine(contextDirectory, ".dockerignore");
        var rules = new List<(Regex, bool)>();
        foreach (var raw in File.Exists(file) ? File.ReadAllLines(file) : [])
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclude = !line.StartsWith('!');
            var pattern = (exclude ? line : line[1..].Trim()).Trim('/');
            rules.Add((new Regex("^" + ToRegex(pattern) + "$", RegexOptions.CultureInvariant), exclude));
        }

        return new DockerIgnore(rules);
    }

    /// <summary>True when <paramref name="relativePath"/> (context-relative, <c>/</c>-separated) is not sent to the builder.</summary>
    public bool Excludes(string relativePath)
    {
        var path = relativePath.Replace('\\', '/').Trim('/');
        var excluded = false;
        foreach (var (pattern, exclude) in _rules)
        {
            if (SelfOrParents(path).Any(pattern.IsMatch))
            {
                excluded = exclude;
            }
        }

        return excluded;
    }

    private static IEnumerable<string> SelfOrParents(string path)
    {
        for (var end = path.Length; end > 0; end = path.LastIndexOf('/', end - 1))
        {
            yield return path[..end];
        }
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                {
                    i++;
                    regex.Append("(.*/)?");
                }
                else
                {
                    regex.Append(".*");
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else if (c == '\\' && i + 1 < pattern.Length)
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.ToString();
    }
}
