using System.Text;
using System.Text.Json;

namespace Gateway.Surfaces.Anthropic;

internal static partial class MessagesRequestDecoder
{
    private static (string? Error, string? Param) WriteMessages(JsonElement root, Utf8JsonWriter json, DecodeNotes ignored)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return ("messages: Field required: a non-empty list of {\"role\", \"content\"} turns.", "messages");
        }

        json.WriteStartArray("messages");
        if (root.TryGetProperty("system", out var system) && system.ValueKind != JsonValueKind.Null && WriteSystem(system, "system", json, ignored) is { } badSystem)
        {
            return (badSystem, "system");
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = $"messages.{index++}";
            if (message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("role", out var role) || role.GetString() is not ("user" or "assistant" or "system")
                || !message.TryGetProperty("content", out var content) || content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
            {
                return ($"{path}: each message must be an object with role user, assistant or system and content as a string or a list of blocks.", path);
            }

            var error = role.GetString() switch
            {
                "user" => WriteUser(content, path, json, ignored),
                "assistant" => WriteAssistant(content, path, json, ignored),
                _ => WriteSystem(content, $"{path}.content", json, ignored),
            };
            if (error is not null)
            {
                return (error, path);
            }
        }

        json.WriteEndArray();
        return (null, null);
    }

    /// <summary>
    /// The system prompt, or a system turn in mid-conversation (Claude Code sends its environment as one), as one system message
    /// whose text parts keep the blocks' order; <paramref name="field"/> names it in errors.
    /// </summary>
    private static string? WriteSystem(JsonElement system, string field, Utf8JsonWriter json, DecodeNotes ignored)
    {
        json.WriteStartObject();
        json.WriteString("role", "system");
        if (system.ValueKind == JsonValueKind.String)
        {
            json.WriteString("content", system.GetString());
            json.WriteEndObject();
            return null;
        }

        if (system.ValueKind != JsonValueKind.Array)
        {
            return $"{field}: must be a string or a list of text blocks, not {ChatRequestParser.Describe(system)}.";
        }

        json.WriteStartArray("content");
        foreach (var block in system.EnumerateArray())
        {
            if (Text(block) is not { } text)
            {
                return $"{field}: every block must be {{\"type\": \"text\", \"text\": ...}}.";
            }

            NoteCacheControl(block, ignored);
            WriteTextPart(json, text);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return null;
    }

    /// <summary>
    /// A user turn: its <c>tool_result</c> blocks first, each a <c>tool</c> message right after the assistant's calls (T6), then one user
    /// message with its text and image blocks, when it has any.
    /// </summary>
    private static string? WriteUser(JsonElement content, string path, Utf8JsonWriter json, DecodeNotes ignored)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            WriteMessage(json, "user", content.GetString()!);
            return null;
        }

        var parts = 0;
        var index = 0;
        foreach (var block in content.EnumerateArray())
        {
            var at = $"{path}.content.{index++}";
            NoteCacheControl(block, ignored);
            switch (TypeOf(block))
            {
                case "tool_result":
                    if (WriteToolResult(block, at, json, ignored) is { } bad)
                    {
                        return bad;
                    }

                    break;
                case "text" or "image":
                    parts++;
                    break;
                case { } other:
                    ignored.CannotTranslate($"{at}.type: '{other}' blocks cannot be passed to this backend; send text, image, tool_use or tool_result blocks.");
                    parts++;
                    break;
                default:
                    return $"{at}: each block must be an object with a type.";
            }
        }

        if (parts == 0)
        {
            return null;
        }

        json.WriteStartObject();
        json.WriteString("role", "user");
        json.WriteStartArray("content");
        index = 0;
        foreach (var block in content.EnumerateArray())
        {
            var at = $"{path}.content.{index++}";
            var type = TypeOf(block);
            if (type == "text")
            {
                WriteTextPart(json, Text(block) ?? string.Empty);
            }
            else if (type == "image" && WriteImagePart(block, at, json) is { } bad)
            {
                return bad;
            }
            else if (type is not (null or "image" or "tool_result"))
            {
                // Only a backend sent the request as it came serves it; this stands in for the block where the prompt is measured.
                WriteTextPart(json, $"[{type}]");
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return null;
    }

    /// <summary>An assistant turn: its text as content and its <c>tool_use</c> blocks as <c>tool_calls</c>; thinking blocks are left out.</summary>
    private static string? WriteAssistant(JsonElement content, string path, Utf8JsonWriter json, DecodeNotes ignored)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            WriteMessage(json, "assistant", content.GetString()!);
            return null;
        }

        var text = new StringBuilder();
        var calls = 0;
        var index = 0;
        foreach (var block in content.EnumerateArray())
        {
            var at = $"{path}.content.{index++}";
            NoteCacheControl(block, ignored);
            switch (TypeOf(block))
            {
                case "text":
                    text.Append(Text(block));
                    break;
                case "tool_use":
                    if (!block.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                        || !block.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                    {
                        return $"{at}: a tool_use block needs an id and a name.";
                    }

                    calls++;
                    break;
                case "thinking" or "redacted_thinking":
                    ignored.Add("thinking blocks");
                    break;
                case { } other:
                    ignored.CannotTranslate($"{at}.type: '{other}' blocks cannot be passed to this backend; an assistant turn may hold text, tool_use and thinking blocks.");
                    break;
                default:
                    return $"{at}: each block must be an object with a type.";
            }
        }

        json.WriteStartObject();
        json.WriteString("role", "assistant");
        if (text.Length > 0 || calls == 0)
        {
            json.WriteString("content", text.ToString());
        }
        else
        {
            json.WriteNull("content");
        }

        if (calls > 0)
        {
            json.WriteStartArray("tool_calls");
            foreach (var block in content.EnumerateArray())
            {
                if (TypeOf(block) != "tool_use")
                {
                    continue;
                }

                json.WriteStartObject();
                json.WriteString("id", block.GetProperty("id").GetString());
                json.WriteString("type", "function");
                json.WriteStartObject("function");
                json.WriteString("name", block.GetProperty("name").GetString());
                json.WriteString("arguments", block.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object ? input.GetRawText() : "{}");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        return null;
    }

    private static void WriteMessage(Utf8JsonWriter json, string role, string content)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("content", content);
        json.WriteEndObject();
    }

    private static void WriteTextPart(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString("type", "text");
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static void NoteCacheControl(JsonElement block, DecodeNotes ignored)
    {
        if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("cache_control", out _))
        {
            ignored.Add("cache_control");
        }
    }

    private static string? TypeOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static string? Text(JsonElement block) =>
        TypeOf(block) == "text" && block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
}
