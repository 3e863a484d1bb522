using System.Text;
using System.Text.Json;

namespace Gateway.Backends.OpenAI;

/// <summary>
/// Reads an OpenAI <c>chat.completion.chunk</c> once with <see cref="Utf8JsonReader"/>, picking out <c>usage</c>, <c>error</c>, whether
/// <c>id</c> is empty, the first finish reason and how much generated text the deltas carry; everything else is skipped (but still validated). Never indexes <c>choices[0]</c>:
/// usage chunks and Azure's annotation chunks have <c>choices: []</c>.
/// </summary>
internal static class OpenAiChunkScanner
{
    public static OpenAiChunkInfo Scan(ReadOnlySpan<byte> data)
    {
        try
        {
            return ScanObject(data);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static OpenAiChunkInfo ScanObject(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return default;
        }

        var info = new OpenAiChunkInfo { IsObject = true };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                info = info with { HasId = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0 };
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                info = info with { Usage = ReadUsage(ref reader) };
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                info = info with { Error = ReadError(ref reader) };
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                var finishReason = ReadChoices(ref reader, out var choiceCount, out var generated);
                info = info with { FinishReason = finishReason, EmptyChoices = choiceCount == 0, GeneratedCharacters = generated };
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Anything after the closing brace makes the reader throw, which Scan reports as not an object.
        while (reader.Read())
        {
        }

        return info;
    }

    /// <summary>Reads <c>prompt_tokens</c> and <c>completion_tokens</c> of a usage object; null for <c>"usage": null</c>.</summary>
    internal static Usage? ReadUsage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        int prompt = 0, completion = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                reader.Read();
                prompt = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                reader.Read();
                completion = ReadCount(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new Usage(prompt, completion);
    }

    private static int ReadCount(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var count) ? count : 0;

    private static OpenAiStreamError? ReadError(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString();
            return string.IsNullOrEmpty(text) ? null : new OpenAiStreamError(text, null, null);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? message = null, code = null, type = null;
        int? status = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = reader.TokenType == JsonTokenType.String ? reader.GetString() : Skip(ref reader);
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                code = ScalarText(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? reader.GetString() : Skip(ref reader);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                status = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : null;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new OpenAiStreamError(
            string.IsNullOrEmpty(message) ? "upstream reported an error in the stream without a message" : message,
            string.IsNullOrEmpty(code) ? type : code,
            status);
    }

    /// <summary>The first finish reason among <c>choices</c>.</summary>
    /// <param name="count">How many items <c>choices</c> has; -1 when it is not an array.</param>
    /// <param name="generated">The characters of generated text in the choices' deltas (<see cref="OpenAiGeneratedText"/>).</param>
    private static string? ReadChoices(ref Utf8JsonReader reader, out int count, out int generated)
    {
        count = -1;
        generated = 0;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        count = 0;
        string? finishReason = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isFinishReason = reader.ValueTextEquals("finish_reason"u8);
                var isText = !isFinishReason && (reader.ValueTextEquals("delta"u8) || reader.ValueTextEquals("message"u8));
                reader.Read();
                if (isFinishReason && finishReason is null && reader.TokenType == JsonTokenType.String)
                {
                    finishReason = reader.GetString();
                }
                else if (isText && reader.TokenType == JsonTokenType.StartObject)
                {
                    generated += OpenAiGeneratedText.Count(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return finishReason;
    }

    /// <summary>A string as is, a number as its text (Azure sends <c>"code": "429"</c>, others a number); null otherwise.</summary>
    private static string? ScalarText(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        _ => Skip(ref reader),
    };

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}
