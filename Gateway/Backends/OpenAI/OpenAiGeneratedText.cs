using System.Runtime.InteropServices;
using System.Text.Json;

namespace Gateway.Backends.OpenAI;

/// <summary>
/// Counts the text an OpenAI-shaped answer generated, as the gateway reads it anyway: the <c>content</c>, <c>reasoning_content</c> and
/// tool-call <c>arguments</c> strings of each choice's <c>message</c> (a whole answer) or <c>delta</c> (a stream chunk), in decoded
/// characters (an escape sequence is the one character it stands for), counted on the raw JSON without decoding it.
/// </summary>
internal static class OpenAiGeneratedText
{
    /// <summary>The generated characters of a whole answer's <c>choices</c>.</summary>
    public static int Count(JsonElement choices)
    {
        var characters = 0;
        foreach (var choice in choices.EnumerateArray())
        {
            if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
            {
                characters += CountMessage(message);
            }
        }

        return characters;
    }

    /// <summary>The generated characters of one <c>delta</c> or <c>message</c> object; <paramref name="reader"/> is on its start and is left on its end.</summary>
    public static int Count(ref Utf8JsonReader reader)
    {
        var characters = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isText = reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("reasoning_content"u8);
            var isCalls = !isText && reader.ValueTextEquals("tool_calls"u8);
            var isLegacyCall = !isText && !isCalls && reader.ValueTextEquals("function_call"u8);
            reader.Read();
            if (isText && reader.TokenType == JsonTokenType.String)
            {
                characters += Characters(ref reader);
            }
            else if (isCalls && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    characters += reader.TokenType == JsonTokenType.StartObject ? CountCall(ref reader) : Skip(ref reader);
                }
            }
            else if (isLegacyCall && reader.TokenType == JsonTokenType.StartObject)
            {
                characters += Arguments(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return characters;
    }

    private static int CountMessage(JsonElement message)
    {
        var characters = Characters(message, "content") + Characters(message, "reasoning_content");
        if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                if (call.ValueKind == JsonValueKind.Object && call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
                {
                    characters += Characters(function, "arguments");
                }
            }
        }

        if (message.TryGetProperty("function_call", out var legacy) && legacy.ValueKind == JsonValueKind.Object)
        {
            characters += Characters(legacy, "arguments");
        }

        return characters;
    }

    /// <summary>A tool call of a <c>tool_calls</c> array: the arguments of its <c>function</c>.</summary>
    private static int CountCall(ref Utf8JsonReader reader)
    {
        var characters = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFunction = reader.ValueTextEquals("function"u8);
            reader.Read();
            characters += isFunction && reader.TokenType == JsonTokenType.StartObject ? Arguments(ref reader) : Skip(ref reader);
        }

        return characters;
    }

    /// <summary>The <c>arguments</c> string of a function object.</summary>
    private static int Arguments(ref Utf8JsonReader reader)
    {
        var characters = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isArguments = reader.ValueTextEquals("arguments"u8);
            reader.Read();
            characters += isArguments && reader.TokenType == JsonTokenType.String ? Characters(ref reader) : Skip(ref reader);
        }

        return characters;
    }

    private static int Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return 0;
    }

    private static int Characters(ref Utf8JsonReader reader) => Characters(reader.ValueSpan);

    private static int Characters(JsonElement owner, string property) =>
        owner.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? Characters(JsonMarshal.GetRawUtf8Value(value)[1..^1]) : 0;

    /// <summary>
    /// The UTF-16 length of a JSON string's raw UTF-8 value, as <see cref="string.Length"/> would give it once decoded, without decoding
    /// it: an escape is one character, a four-byte sequence two. Never throws, so a stream that splits a surrogate pair across two chunks
    /// (<c>"\ud83d"</c>, then <c>"\ude00"</c>) is counted, not broken.
    /// </summary>
    private static int Characters(ReadOnlySpan<byte> raw)
    {
        var characters = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == (byte)'\\')
            {
                i += i + 1 < raw.Length && raw[i + 1] == (byte)'u' ? 5 : 1;
                characters++;
            }
            else if ((b & 0xC0) != 0x80)
            {
                characters += b >= 0xF0 ? 2 : 1;
            }
        }

        return characters;
    }
}
