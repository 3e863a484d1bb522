using System.Text;

namespace Gateway.Configuration;

/// <summary>
/// A tool's <c>prompt_template</c>: text with <c>{name}</c> placeholders, <c>{{</c> and <c>}}</c> standing for literal braces (the
/// format the product's Python configs already use). <c>{input}</c> is the caller's input; <c>{prompt}</c> is the same, as older
/// configs write it; every other name is a request variable.
/// </summary>
internal sealed class PromptTemplate
{
    public const string Input = "input";
    private const string InputAlias = "prompt";

    private readonly IReadOnlyList<Segment> _segments;

    private PromptTemplate(IReadOnlyList<Segment> segments, IReadOnlyList<string> variables)
    {
        _segments = segments;
        Variables = variables;
    }

    /// <summary>The names the template needs, in order of first use, <c>input</c> included (<c>{prompt}</c> is listed as <c>input</c>).</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The template for a tool without <c>prompt_template</c>: the input as it is.</summary>
    public static PromptTemplate InputOnly { get; } = new([new Segment(null, Input)], [Input]);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong and where.</summary>
    public static bool TryParse(string text, out PromptTemplate template, out string? error)
    {
        var segments = new List<Segment>();
        var variables = new List<string>();
        var literal = new StringBuilder();
        template = InputOnly;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                error = $"a lone '}}' at character {i + 1}; write '}}}}' for a literal brace";
                return false;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                error = $"the placeholder opened at character {i + 1} is never closed; write '{{{{' for a literal brace";
                return false;
            }

            var name = text[(i + 1)..close];
            if (!IsName(name))
            {
                error = $"'{{{name}}}' at character {i + 1} is not a placeholder: names use letters, digits and '_' (e.g. {{input}}); write '{{{{' and '}}}}' for literal braces";
                return false;
            }

            if (literal.Length > 0)
            {
                segments.Add(new Segment(literal.ToString(), null));
                literal.Clear();
            }

            var variable = name == InputAlias ? Input : name;
            segments.Add(new Segment(null, variable));
            if (!variables.Contains(variable))
            {
                variables.Add(variable);
            }

            i = close;
        }

        if (literal.Length > 0)
        {
            segments.Add(new Segment(literal.ToString(), null));
        }

        if (!variables.Contains(Input))
        {
            error = "the template has no {input} placeholder, so the caller's input would never reach the model; put {input} where it belongs";
            return false;
        }

        template = new PromptTemplate(segments, variables);
        error = null;
        return true;
    }

    /// <summary>
    /// Fills the placeholders: <c>input</c> from <paramref name="input"/>, the others from <paramref name="variables"/>. Returns null and
    /// the first name that has no value when one is missing.
    /// </summary>
    public string? Render(string input, IReadOnlyDictionary<string, string> variables, out string? missing)
    {
        var text = new StringBuilder();
        foreach (var segment in _segments)
        {
            if (segment.Variable is null)
            {
                text.Append(segment.Literal);
            }
            else if (segment.Variable == Input)
            {
                text.Append(input);
            }
            else if (variables.TryGetValue(segment.Variable, out var value))
            {
                text.Append(value);
            }
            else
            {
                missing = segment.Variable;
                return null;
            }
        }

        missing = null;
        return text.ToString();
    }

    private static bool IsName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
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

    private sealed record Segment(string? Literal, string? Variable);
}
