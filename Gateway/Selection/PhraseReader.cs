using Gateway.Configuration;

namespace Gateway.Selection;

/// <summary>
/// Reads a task description in plain words. Backends and models count only inside a directive: the few words after <c>use</c>,
/// <c>using</c>, <c>via</c>, <c>prefer</c>, <c>ask</c>, <c>switch to</c> or <c>route to</c>, up to the end of the clause. So "use my
/// openapi settings" names OpenAI while "explain the Azure pricing page" names nothing. A backend named outright beats one implied by a
/// model family (<c>"use azure gpt-4"</c> is Azure). Every word of the text may also reveal a need (code, reasoning, quick, long context).
/// </summary>
internal static class PhraseReader
{
    private const int DirectiveReach = 4;

    private static readonly System.Buffers.SearchValues<char> ClauseEnds = System.Buffers.SearchValues.Create(".,;:!?");

    private static readonly string[] DirectiveWords = ["use", "using", "via", "prefer", "ask"];
    private static readonly string[] DirectiveLeads = ["switch", "route"];

    private static readonly Dictionary<string, string> BackendWords = new(StringComparer.Ordinal)
    {
        ["openai"] = BackendNames.OpenAI,
        ["openapi"] = BackendNames.OpenAI, // "use my OpenAPI settings": the guide's own wording for OpenAI
        ["chatgpt"] = BackendNames.OpenAI,
        ["gpt"] = BackendNames.OpenAI,
        ["anthropic"] = BackendNames.Anthropic,
        ["claude"] = BackendNames.Anthropic,
        ["azure"] = BackendNames.Azure,
        ["ollama"] = BackendNames.Ollama,
        ["lmstudio"] = BackendNames.LMStudio,
        ["lm-studio"] = BackendNames.LMStudio,
    };

    private static readonly Dictionary<string, string> BackendPairs = new(StringComparer.Ordinal)
    {
        ["lm studio"] = BackendNames.LMStudio,
        ["open ai"] = BackendNames.OpenAI,
    };

    private static readonly string[] AnthropicModelWords = ["opus", "sonnet", "haiku"];

    private static readonly (TaskNeed Need, string[] Words)[] NeedWords =
    [
        (TaskNeed.Code, ["code", "coding", "function", "functions", "script", "program", "programming", "debug", "debugging", "refactor",
            "refactoring", "bug", "bugs", "python", "javascript", "typescript", "sql", "implement", "compile"]),
        (TaskNeed.Reasoning, ["complex", "analysis", "analyse", "analyze", "reasoning", "reason", "difficult", "math", "prove", "proof",
            "careful", "thorough"]),
        (TaskNeed.Quick, ["quick", "quickly", "fast", "immediate", "immediately", "urgent", "simple", "triage", "classify", "brief", "short"]),
        (TaskNeed.LongContext, ["book", "books", "novel", "document", "documents", "long", "large", "pdf", "transcript", "chapter", "chapters"]),
    ];

    /// <summary>Reads <paramref name="text"/>; <paramref name="knownModels"/> are model names that count as models when a directive names them.</summary>
    public static TaskReading Read(string? text, IReadOnlyCollection<string> knownModels)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TaskReading.Empty;
        }

        var words = Words(text);
        string? backend = null, backendWords = null, familyBackend = null, model = null;
        var local = false;
        var directives = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            if (DirectiveLength(words, i) is not (> 0 and var length) || words[i + length - 1].EndsClause)
            {
                continue;
            }

            var start = i + length;
            var end = start;
            while (end < words.Count && end - start < DirectiveReach && DirectiveLength(words, end) == 0)
            {
                end++;
                if (words[end - 1].EndsClause)
                {
                    break;
                }
            }

            var named = false;
            for (var j = start; j < end; j++)
            {
                var pair = j + 1 < end ? $"{words[j].Text} {words[j + 1].Text}" : null;
                if (pair is not null && BackendPairs.TryGetValue(pair, out var paired))
                {
                    (backend, backendWords) = (backend ?? paired, backendWords ?? pair);
                    j++;
                }
                else if (model is null && ModelWord(words, j, end, knownModels, out var family, out var consumed) is { } found)
                {
                    (model, familyBackend) = (found, family);
                    j += consumed - 1;
                }
                else if (BackendWords.TryGetValue(words[j].Text, out var single))
                {
                    (backend, backendWords) = (backend ?? single, backendWords ?? words[j].Text);
                }
                else if (words[j].Text == "local")
                {
                    local = true;
                }
                else
                {
                    continue;
                }

                named = true;
            }

            if (named)
            {
                directives.Add(string.Join(' ', words.Skip(i).Take(end - i).Select(w => w.Text)));
            }

            i = end - 1;
        }

        return new TaskReading
        {
            Backend = backend ?? familyBackend,
            BackendWords = backendWords ?? (familyBackend is null ? null : model),
            Model = model,
            Local = local && backend is null && familyBackend is null,
            Directives = directives,
            Needs = Needs(words),
        };
    }

    /// <summary>
    /// The model named at word <paramref name="j"/>: an OpenAI name (<c>gpt-4</c>, <c>gpt4o</c>, <c>o1-mini</c>), a Claude name or family
    /// word (<c>claude-3.5</c>, <c>claude 3.5</c>, <c>opus</c>), or any catalogue model written out (<c>llama3</c>). Sets the backend
    /// its family implies, if any.
    /// </summary>
    private static string? ModelWord(List<Word> words, int j, int end, IReadOnlyCollection<string> knownModels, out string? family, out int consumed)
    {
        var word = words[j].Text;
        consumed = 1;
        family = null;
        foreach (var known in knownModels)
        {
            if (string.Equals(known, word, StringComparison.OrdinalIgnoreCase))
            {
                family = FamilyOf(word);
                return known;
            }
        }

        if (word.StartsWith("gpt", StringComparison.Ordinal) && word.Length > 3 && (char.IsAsciiDigit(word[3]) || word[3] == '-'))
        {
            family = BackendNames.OpenAI;
            return word[3] == '-' ? word : $"gpt-{word[3..]}";
        }

        if (word.Length >= 2 && word[0] == 'o' && char.IsAsciiDigit(word[1]) && (word.Length == 2 || word[2] == '-'))
        {
            family = BackendNames.OpenAI;
            return word;
        }

        if (word is "claude-3.5" or "claude-3-5" || (word == "claude" && j + 1 < end && words[j + 1].Text == "3.5"))
        {
            family = BackendNames.Anthropic;
            consumed = word == "claude" ? 2 : 1;
            return "claude-3-5-sonnet";
        }

        if (word.StartsWith("claude-", StringComparison.Ordinal) || AnthropicModelWords.Contains(word))
        {
            family = BackendNames.Anthropic;
            return word;
        }

        return null;
    }

    private static string? FamilyOf(string model) =>
        model.StartsWith("gpt-", StringComparison.OrdinalIgnoreCase) ? BackendNames.OpenAI
        : model.StartsWith("claude-", StringComparison.OrdinalIgnoreCase) ? BackendNames.Anthropic
        : null;

    /// <summary>How many words the directive at <paramref name="i"/> spans (<c>use</c>: 1, <c>switch to</c>: 2), or 0.</summary>
    private static int DirectiveLength(List<Word> words, int i)
    {
        var word = words[i].Text;
        if (DirectiveWords.Contains(word))
        {
            return 1;
        }

        return DirectiveLeads.Contains(word) && !words[i].EndsClause && i + 1 < words.Count && words[i + 1].Text == "to" ? 2 : 0;
    }

    private static TaskNeed[] Needs(List<Word> words)
    {
        var needs = new List<TaskNeed>();
        foreach (var (need, needWords) in NeedWords)
        {
            foreach (var word in words)
            {
                if (needWords.Contains(word.Text))
                {
                    needs.Add(need);
                    break;
                }
            }
        }

        return [.. needs];
    }

    /// <summary>Lower-case words with surrounding punctuation removed; a word followed by <c>. , ; : ! ?</c> ends its clause.</summary>
    private static List<Word> Words(string text)
    {
        var words = new List<Word>();
        foreach (var raw in text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            var end = raw.Length;
            while (start < end && !char.IsLetterOrDigit(raw[start]))
            {
                start++;
            }

            while (end > start && !char.IsLetterOrDigit(raw[end - 1]))
            {
                end--;
            }

            var trailing = raw.AsSpan(end);
            var endsClause = trailing.IndexOfAny(ClauseEnds) >= 0;
            if (end > start)
            {
                words.Add(new Word(raw[start..end].ToLowerInvariant(), endsClause));
            }
            else if (endsClause && words.Count > 0)
            {
                words[^1] = words[^1] with { EndsClause = true };
            }
        }

        return words;
    }

    private readonly record struct Word(string Text, bool EndsClause);
}
