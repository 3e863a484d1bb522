using System.Text;
using System.Text.Json;

namespace Gateway.Surfaces.Responses;

/// <summary>
/// The conversation's items as Chat Completions messages. An assistant turn (its message, then its function calls) becomes one
/// assistant message with <c>tool_calls</c>; each <c>function_call_output</c> a <c>tool</c> message with the same <c>call_id</c>, in the
/// order the items came (T2, T6). Reasoning items are left out and named: chat backends take no earlier reasoning back.
/// </summary>
internal static partial class ResponsesRequestDecoder
{
    private static (string, string?, string?)? WriteMessages(JsonElement root, IReadOnlyList<JsonElement> items, Utf8JsonWriter json, DecodeNotes notes)
    {
        json.WriteStartArray("messages");
        if (root.TryGetProperty("instructions", out var instructions) && instructions.ValueKind == JsonValueKind.String)
        {
            WriteMessage(json, "system", instructions.GetString()!);
        }

        var turn = new AssistantTurn();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "message";
            var continuesTurn = type is "function_call" or "reasoning" || (type == "message" && RoleOf(item) == "assistant" && !turn.HasCalls);
            if (!continuesTurn)
            {
                turn.Flush(json);
            }

            var bad = type switch
            {
                "message" => WriteMessageItem(json, item, i, turn, notes),
                "function_call" => turn.Call(item, i),
                "function_call_output" => WriteOutputItem(json, item, i, notes),
                "reasoning" => Note(notes, "input.reasoning"),
                _ => Untranslatable(notes, $"input[{i}].type: items of type '{type}' can be sent only to an OpenAI backend."),
            };

            if (bad is not null)
            {
                return (bad, "input", null);
            }
        }

        turn.Flush(json);
        json.WriteEndArray();
        return null;
    }

    private static string? Note(DecodeNotes notes, string field)
    {
        notes.Add(field);
        return null;
    }

    private static string? Untranslatable(DecodeNotes notes, string message)
    {
        notes.CannotTranslate(message);
        return null;
    }

    private static string? RoleOf(JsonElement item) =>
        item.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String ? role.GetString() : null;

    private static string? WriteMessageItem(Utf8JsonWriter json, JsonElement item, int index, AssistantTurn turn, DecodeNotes notes)
    {
        var role = RoleOf(item);
        if (role is not ("user" or "assistant" or "system" or "developer"))
        {
            return $"input[{index}].role: must be one of user, assistant, system, developer, not {(role is null ? "missing" : $"'{role}'")}.";
        }

        if (!item.TryGetProperty("content", out var content) || content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            return $"input[{index}].content: must be a string or a list of content parts.";
        }

        if (role == "assistant")
        {
            return turn.Text(content, index);
        }

        json.WriteStartObject();
        json.WriteString("role", role == "user" ? "user" : "system");
        json.WritePropertyName("content");
        var bad = content.ValueKind == JsonValueKind.String ? WriteString(json, content) : WriteParts(json, content, index, notes);
        json.WriteEndObject();
        return bad;
    }

    private static string? WriteString(Utf8JsonWriter json, JsonElement text)
    {
        text.WriteTo(json);
        return null;
    }

    private static string? WriteParts(Utf8JsonWriter json, JsonElement parts, int index, DecodeNotes notes)
    {
        json.WriteStartArray();
        var position = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) ? t.GetString() : null;
            switch (type)
            {
                case "input_text" or "output_text" when part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String:
                    json.WriteStartObject();
                    json.WriteString("type", "text");
                    json.WriteString("text", text.GetString());
                    json.WriteEndObject();
                    break;
                case "input_image" when part.TryGetProperty("image_url", out var url) && url.ValueKind == JsonValueKind.String:
                    json.WriteStartObject();
                    json.WriteString("type", "image_url");
                    json.WriteStartObject("image_url");
                    json.WriteString("url", url.GetString());
                    if (part.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String && detail.GetString() != "original")
                    {
                        json.WriteString("detail", detail.GetString());
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                    break;
                case "input_image" or "input_file":
                    notes.CannotTranslate($"input[{index}].content[{position}]: a {type} given by file id or file reaches only an OpenAI backend.");
                    break;
                default:
                    return $"input[{index}].content[{position}].type: must be input_text, input_image or input_file, not {(type is null ? "missing" : $"'{type}'")}.";
            }

            position++;
        }

        json.WriteEndArray();
        return null;
    }

    private static string? WriteOutputItem(Utf8JsonWriter json, JsonElement item, int index, DecodeNotes notes)
    {
        if (!item.TryGetProperty("call_id", out var callId) || callId.ValueKind != JsonValueKind.String || callId.GetString()!.Length == 0)
        {
            return $"input[{index}].call_id: Field required: a function_call_output names the call it answers.";
        }

        if (!item.TryGetProperty("output", out var output) || output.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            return $"input[{index}].output: must be a string or a list of content parts.";
        }

        json.WriteStartObject();
        json.WriteString("role", "tool");
        json.WriteString("tool_call_id", callId.GetString());
        json.WritePropertyName("content");
        if (output.ValueKind == JsonValueKind.String)
        {
            output.WriteTo(json);
        }
        else
        {
            json.WriteStringValue(OutputText(output, index, notes));
        }

        json.WriteEndObject();
        return null;
    }

    /// <summary>The text parts of a list output, joined; an image or file in it reaches only a backend that receives it as sent.</summary>
    private static string OutputText(JsonElement parts, int index, DecodeNotes notes)
    {
        var text = new StringBuilder();
        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var piece) && piece.ValueKind == JsonValueKind.String)
            {
                text.Append(piece.GetString());
            }
            else
            {
                notes.CannotTranslate($"input[{index}].output: only text outputs can be translated for this backend.");
            }
        }

        return text.ToString();
    }

    private static void WriteMessage(Utf8JsonWriter json, string role, string content)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("content", content);
        json.WriteEndObject();
    }

    /// <summary>An assistant turn being gathered from its items: its text, then its calls; written as one message.</summary>
    private sealed class AssistantTurn
    {
        private readonly StringBuilder _text = new();
        private readonly List<(string CallId, string Name, string Arguments)> _calls = [];
        private bool _open;

        public string? Text(JsonElement content, int index)
        {
            _open = true;
            if (content.ValueKind == JsonValueKind.String)
            {
                _text.Append(content.GetString());
                return null;
            }

            foreach (var part in content.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    _text.Append(text.GetString());
                }
                else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("refusal", out var refusal) && refusal.ValueKind == JsonValueKind.String)
                {
                    _text.Append(refusal.GetString());
                }
                else
                {
                    return $"input[{index}].content: an assistant message holds output_text or refusal parts.";
                }
            }

            return null;
        }

        public string? Call(JsonElement item, int index)
        {
            if (!item.TryGetProperty("call_id", out var callId) || callId.ValueKind != JsonValueKind.String || callId.GetString()!.Length == 0)
            {
                return $"input[{index}].call_id: Field required: a function_call carries the call_id its output answers.";
            }

            if (!item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                return $"input[{index}].name: Field required.";
            }

            var arguments = item.TryGetProperty("arguments", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "{}";
            _open = true;
            _calls.Add((callId.GetString()!, name.GetString()!, arguments));
            return null;
        }

        public bool HasCalls => _calls.Count > 0;

        public void Flush(Utf8JsonWriter json)
        {
            if (!_open)
            {
                return;
            }

            json.WriteStartObject();
            json.WriteString("role", "assistant");
            if (_text.Length > 0)
            {
                json.WriteString("content", _text.ToString());
            }
            else
            {
                json.WriteNull("content");
            }

            if (_calls.Count > 0)
            {
                json.WriteStartArray("tool_calls");
                foreach (var (callId, name, arguments) in _calls)
                {
                    json.WriteStartObject();
                    json.WriteString("id", callId);
                    json.WriteString("type", "function");
                    json.WriteStartObject("function");
                    json.WriteString("name", name);
                    json.WriteString("arguments", arguments);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            _text.Clear();
            _calls.Clear();
            _open = false;
        }
    }
}
