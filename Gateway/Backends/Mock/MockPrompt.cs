using System.Text;
using System.Text.Json;

namespace Gateway.Backends.Mock;

/// <summary>
/// What the mock reads from a request: the text a client can put a failure trigger in (the last user message, or the embeddings
/// input) and a token count, one token per word, so usage is deterministic and plausible.
/// </summary>
internal sealed record MockPrompt(string Demand, int Tokens)
{
    public static MockPrompt FromChat(JsonElement root)
    {
        var last = "";
        var tokens = 0;
        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                if (message.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var text = message.TryGetProperty("content", out var content) ? TextOf(content) : "";
                tokens += Words(text);
                if (message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String && role.ValueEquals("user"))
                {
                    last = text;
                }
            }
        }

        return new MockPrompt(last, Math.Max(tokens, 1));
    }

    public static MockPrompt FromEmbeddings(JsonElement root)
    {
        var demand = new StringBuilder();
        var tokens = 0;
        foreach (var item in MockEmbeddingsAnswer.Inputs(root))
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                var text = item.GetString()!;
                demand.Append(text).Append('\n');
                tokens += Words(text);
            }
            else if (item.ValueKind == JsonValueKind.Array)
            {
                tokens += item.GetArrayLength();
            }
            else
            {
                tokens++;
            }
        }

        return new MockPrompt(demand.ToString(), Math.Max(tokens, 1));
    }

    /// <summary>How many whitespace-separated words <paramref name="text"/> holds.</summary>
    public static int Words(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                count++;
            }

            inWord = !space;
        }

        return count;
    }

    /// <summary>A message's text: the string, or the <c>text</c> of each content part.</summary>
    private static string TextOf(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
            {
                text.Append(text.Length > 0 ? " " : "").Append(value.GetString());
            }
        }

        return text.ToString();
    }
}
