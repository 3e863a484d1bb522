using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Backends.OpenAI;

namespace Gateway.Backends.Ollama;

/// <summary>Reads one Ollama chat object with <see cref="Utf8JsonReader"/>: only the fields the translation needs, the rest skipped.</summary>
internal static class OllamaChatLineParser
{
    /// <param name="readHeader">Also read <c>model</c> and <c>created_at</c> (needed once per answer, not per token).</param>
    /// <returns>False when <paramref name="json"/> is not one complete JSON object.</returns>
    public static bool TryParse(ReadOnlySpan<byte> json, bool readHeader, out OllamaChatLine line) => TryParse(json, readHeader, out line, out _);

    /// <param name="error">Where the JSON broke, when it is not JSON at all (null for JSON that is not an object).</param>
    public static bool TryParse(ReadOnlySpan<byte> json, bool readHeader, out OllamaChatLine line, out JsonException? error)
    {
        error = null;
        try
        {
            return TryParseObject(json, readHeader, out line);
        }
        catch (JsonException e)
        {
            error = e;
            line = default;
            return false;
        }
    }

    private static bool TryParseObject(ReadOnlySpan<byte> json, bool readHeader, out OllamaChatLine line)
    {
        line = default;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                line = ReadMessage(ref reader, line);
            }
            else if (reader.ValueTextEquals("done"u8))
            {
                reader.Read();
                line = line with { Done = reader.TokenType == JsonTokenType.True };
            }
            else if (reader.ValueTextEquals("done_reason"u8))
            {
                reader.Read();
                line = line with { DoneReason = StringOrSkip(ref reader) };
            }
            else if (reader.ValueTextEquals("prompt_eval_count"u8))
            {
                reader.Read();
                line = line with { PromptEvalCount = CountOrSkip(ref reader) };
            }
            else if (reader.ValueTextEquals("eval_count"u8))
            {
                reader.Read();
                line = line with { EvalCount = CountOrSkip(ref reader) };
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                line = line with { Error = ReadError(ref reader) };
            }
            else if (readHeader && reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                line = line with { Model = StringOrSkip(ref reader) };
            }
            else if (readHeader && reader.ValueTextEquals("created_at"u8))
            {
                reader.Read();
                line = line with { CreatedAt = StringOrSkip(ref reader) };
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Anything after the closing brace makes the reader throw: the line is not one JSON object.
        while (reader.Read())
        {
        }

        return true;
    }

    private static OllamaChatLine ReadMessage(ref Utf8JsonReader reader, OllamaChatLine line)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return line;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                line = line with { Content = StringOrSkip(ref reader) };
            }
            else if (reader.ValueTextEquals("thinking"u8))
            {
                reader.Read();
                line = line with { Thinking = StringOrSkip(ref reader) };
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                line = line with { ToolCalls = ReadToolCalls(ref reader) };
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return line;
    }

    private static List<ToolCall>? ReadToolCalls(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        List<ToolCall>? calls = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? id = null, name = null, arguments = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = StringOrSkip(ref reader);
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    reader.Read();
                    (name, arguments) = ReadFunction(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (name is not null)
            {
                (calls ??= []).Add(new ToolCall(string.IsNullOrEmpty(id) ? OpenAiIds.NewToolCallId() : id, name, arguments ?? "{}"));
            }
        }

        return calls;
    }

    /// <summary>Reads <c>name</c> and <c>arguments</c>; an arguments object becomes its JSON text, the string OpenAI clients expect.</summary>
    private static (string? Name, string? Arguments) ReadFunction(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (null, null);
        }

        string? name = null, arguments = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = StringOrSkip(ref reader);
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    arguments = CompactJson(ref reader);
                }
                else
                {
                    arguments = StringOrSkip(ref reader);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return (name, arguments);
    }

    /// <summary>The value at the reader as compact JSON text, whatever whitespace the upstream used.</summary>
    private static string CompactJson(ref Utf8JsonReader reader)
    {
        using var value = JsonDocument.ParseValue(ref reader);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            value.RootElement.WriteTo(json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? ReadError(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? message = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMessage = reader.ValueTextEquals("message"u8);
            reader.Read();
            if (isMessage && reader.TokenType == JsonTokenType.String)
            {
                message = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return string.IsNullOrEmpty(message) ? "Ollama reported an error without a message" : message;
    }

    private static string? StringOrSkip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static int? CountOrSkip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var count))
        {
            return count;
        }

        reader.Skip();
        return null;
    }
}
