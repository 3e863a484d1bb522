using System.Text;
using System.Text.Json;

namespace Gateway.Backends.Anthropic;

/// <summary>
/// Builds Anthropic's top-level <c>system</c> string: the Messages API has no system role, so every <c>system</c> and <c>developer</c>
/// message is lifted out of the conversation, in order, joined with blank lines.
/// </summary>
internal static class AnthropicSystemPrompt
{
    private const string Separator = "\n\n";

    /// <summary>
    /// The Messages API has no <c>response_format</c>. Asking for JSON is therefore done in words, appended to the system prompt;
    /// the answer is still plain text, which is what OpenAI's JSON mode returns too.
    /// </summary>
    internal const string JsonObjectInstruction =
        "Answer with exactly one JSON object and nothing else: no prose, no Markdown code fences, no text before or after it.";

    internal const string JsonSchemaInstruction = "The JSON object must conform to this JSON Schema:";

    /// <summary>The system prompt, or null when the request has none.</summary>
    public static string? From(ChatRequest request)
    {
        StringBuilder? text = null;
        var index = 0;
        foreach (var message in request.Messages.EnumerateArray())
        {
            if (AnthropicMessagesWriter.RoleOf(message, index) is "system" or "developer")
            {
                Append(ref text, TextOf(message, index));
            }

            index++;
        }

        if (ResponseFormatInstruction(request) is { } instruction)
        {
            Append(ref text, instruction);
        }

        return text?.ToString();
    }

    private static void Append(ref StringBuilder? text, string? segment)
    {
        if (string.IsNullOrEmpty(segment))
        {
            return;
        }

        if (text is null)
        {
            text = new StringBuilder(segment);
            return;
        }

        text.Append(Separator).Append(segment);
    }

    /// <summary>A system message's text: a string, or the text parts of a content array joined by newlines.</summary>
    private static string? TextOf(JsonElement message, int index)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return null;
        }

        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString();
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Array:
                var parts = new StringBuilder();
                var partIndex = 0;
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || !type.ValueEquals("text")
                        || !part.TryGetProperty("text", out var partText) || partText.ValueKind != JsonValueKind.String)
                    {
                        throw new UnsupportedRequestException(
                            "Anthropic takes only text in system and developer messages", $"messages[{index}].content[{partIndex}]");
                    }

                    if (parts.Length > 0)
                    {
                        parts.Append('\n');
                    }

                    parts.Append(partText.GetString());
                    partIndex++;
                }

                return parts.ToString();
            default:
                throw new UnsupportedRequestException("content must be a string or an array of content parts", $"messages[{index}].content");
        }
    }

    private static string? ResponseFormatInstruction(ChatRequest request)
    {
        if (!request.TryGet("response_format", out var format) || format.ValueKind != JsonValueKind.Object
            || !format.TryGetProperty("type", out var type) || type.ValueEquals("text"))
        {
            return null;
        }

        if (type.ValueEquals("json_object"))
        {
            return JsonObjectInstruction;
        }

        if (type.ValueEquals("json_schema"))
        {
            return format.TryGetProperty("json_schema", out var spec) && spec.ValueKind == JsonValueKind.Object
                && spec.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object
                ? string.Concat(JsonObjectInstruction, " ", JsonSchemaInstruction, "\n", schema.GetRawText())
                : JsonObjectInstruction;
        }

        throw new UnsupportedRequestException(
            $"response_format type '{type}' has no Anthropic equivalent; use text, json_object or json_schema", "response_format.type");
    }
}
