using System.Text.Json;
using Gateway.Backends;

namespace Gateway.Surfaces.Responses;

/// <summary>
/// Tools, <c>tool_choice</c> and <c>text.format</c>: the Responses API writes them flat, Chat Completions nests them under
/// <c>function</c> and <c>json_schema</c> (T10). Function tools are translated; OpenAI's built-in tools (<c>web_search</c>,
/// <c>namespace</c>, <c>file_search</c>, ...) reach an OpenAI backend as sent and are left out, and named, for every other.
/// </summary>
internal static partial class ResponsesRequestDecoder
{
    private static string? WriteTools(JsonElement tools, Utf8JsonWriter json, DecodeNotes notes)
    {
        if (tools.ValueKind != JsonValueKind.Array)
        {
            return $"tools: must be a list of tools, not {ChatRequestParser.Describe(tools)}.";
        }

        if (!tools.EnumerateArray().Any(static tool => tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("type", out var type) && type.ValueEquals("function")))
        {
            foreach (var tool in tools.EnumerateArray())
            {
                notes.Add(tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("type", out var type) ? $"tools.{type}" : "tools");
            }

            return null; // no function tool to translate: the backend is sent none
        }

        json.WriteStartArray("tools");
        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var type = tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type is null)
            {
                return $"tools[{index}].type: Field required.";
            }

            if (type != "function")
            {
                // Offered, not required: a backend without OpenAI's built-in tools answers without them (Codex offers web_search and
                // a namespace of agent tools on every turn). A tool_choice that requires one is the 400.
                notes.Add($"tools.{type}");
            }
            else if (!tool.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
            {
                return $"tools[{index}].name: Field required.";
            }
            else
            {
                WriteFunction(json, tool, name.GetString()!);
            }

            index++;
        }

        json.WriteEndArray();
        return null;
    }

    private static void WriteFunction(Utf8JsonWriter json, JsonElement tool, string name)
    {
        json.WriteStartObject();
        json.WriteString("type", "function");
        json.WriteStartObject("function");
        json.WriteString("name", name);
        foreach (var field in (ReadOnlySpan<string>)["description", "parameters", "strict"])
        {
            if (tool.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                json.WritePropertyName(field);
                value.WriteTo(json);
            }
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string? WriteToolChoice(JsonElement choice, Utf8JsonWriter json, DecodeNotes notes)
    {
        if (choice.ValueKind == JsonValueKind.String)
        {
            if (choice.GetString() is not ("none" or "auto" or "required"))
            {
                return $"tool_choice: must be none, auto, required or an object, not '{choice.GetString()}'.";
            }

            json.WriteString("tool_choice", choice.GetString());
            return null;
        }

        var type = choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type == "function")
        {
            if (!choice.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                return "tool_choice.name: Field required when tool_choice.type is function.";
            }

            json.WriteStartObject("tool_choice");
            json.WriteString("type", "function");
            json.WriteStartObject("function");
            json.WriteString("name", name.GetString());
            json.WriteEndObject();
            json.WriteEndObject();
            return null;
        }

        if (type is null)
        {
            return "tool_choice: must be none, auto, required or an object with a type.";
        }

        notes.CannotTranslate($"tool_choice.type: '{type}' can be sent only to an OpenAI backend; others take none, auto, required or a function.");
        return null;
    }

    private static (string, string?, string?)? WriteText(JsonElement text, Utf8JsonWriter json, DecodeNotes notes)
    {
        if (text.ValueKind != JsonValueKind.Object)
        {
            return ($"text: must be an object, not {ChatRequestParser.Describe(text)}.", "text", null);
        }

        foreach (var property in text.EnumerateObject())
        {
            if (property.Name != "format")
            {
                notes.Add($"text.{property.Name}");
                continue;
            }

            if (WriteFormat(property.Value, json) is { } bad)
            {
                return bad;
            }
        }

        return null;
    }

    private static (string, string?, string?)? WriteFormat(JsonElement format, Utf8JsonWriter json)
    {
        var type = format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "text":
                return null;
            case "json_object":
                json.WriteStartObject("response_format");
                json.WriteString("type", "json_object");
                json.WriteEndObject();
                return null;
            case "json_schema":
                if (!format.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    return ("Missing required parameter: 'text.format.name'.", "text.format.name", "missing_required_parameter");
                }

                if (!format.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
                {
                    return ("Missing required parameter: 'text.format.schema'.", "text.format.schema", "missing_required_parameter");
                }

                json.WriteStartObject("response_format");
                json.WriteString("type", "json_schema");
                json.WriteStartObject("json_schema");
                json.WriteString("name", name.GetString());
                json.WritePropertyName("schema");
                schema.WriteTo(json);
                foreach (var field in (ReadOnlySpan<string>)["strict", "description"])
                {
                    if (format.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
                    {
                        json.WritePropertyName(field);
                        value.WriteTo(json);
                    }
                }

                json.WriteEndObject();
                json.WriteEndObject();
                return null;
            default:
                return ($"text.format.type: must be text, json_object or json_schema, not {(type is null ? "missing" : $"'{type}'")}.", "text.format.type", null);
        }
    }
}
