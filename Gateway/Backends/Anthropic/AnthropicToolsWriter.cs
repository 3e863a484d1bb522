using System.Text.Json;

namespace Gateway.Backends.Anthropic;

/// <summary>Writes <c>tools</c> and <c>tool_choice</c>: OpenAI's function wrapper is unwrapped and <c>parameters</c> becomes <c>input_schema</c>.</summary>
internal static class AnthropicToolsWriter
{
    /// <summary>
    /// Writes nothing when the request has no tools: a <c>tool_choice</c> without tools means nothing to Anthropic, which refuses it.
    /// </summary>
    public static void Write(Utf8JsonWriter json, ChatRequest request)
    {
        if (!request.TryGet("tools", out var tools) || tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0)
        {
            return;
        }

        json.WriteStartArray("tools");
        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            WriteTool(json, tool, index++);
        }

        json.WriteEndArray();
        WriteToolChoice(json, request);
    }

    private static void WriteTool(Utf8JsonWriter json, JsonElement tool, int index)
    {
        if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("type", out var type) || !type.ValueEquals("function")
            || !tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
        {
            throw new UnsupportedRequestException("Anthropic takes only tools of type function", $"tools[{index}]");
        }

        if (!function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw new UnsupportedRequestException("a tool needs function.name", $"tools[{index}].function.name");
        }

        json.WriteStartObject();
        json.WriteString("name", name.GetString());
        if (function.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String)
        {
            json.WriteString("description", description.GetString());
        }

        json.WritePropertyName("input_schema");
        if (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            parameters.WriteTo(json);
        }
        else
        {
            json.WriteStartObject();
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// <c>auto</c> → auto, <c>required</c> → any, <c>none</c> → none, a named function → tool. <c>parallel_tool_calls: false</c> becomes
    /// <c>disable_parallel_tool_use</c>, which lives inside <c>tool_choice</c> (an <c>auto</c> one when the client sent no choice).
    /// </summary>
    private static void WriteToolChoice(Utf8JsonWriter json, ChatRequest request)
    {
        var serial = request.TryGet("parallel_tool_calls", out var parallel) && parallel.ValueKind == JsonValueKind.False;
        string type;
        string? name = null;
        if (!request.TryGet("tool_choice", out var choice))
        {
            if (!serial)
            {
                return;
            }

            type = "auto";
        }
        else if (choice.ValueKind == JsonValueKind.String)
        {
            type = choice.GetString() switch
            {
                "auto" => "auto",
                "required" => "any",
                "none" => "none",
                var other => throw new UnsupportedRequestException(
                    $"tool_choice '{other}' has no Anthropic equivalent; use auto, required, none or a named function", "tool_choice"),
            };
        }
        else if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("type", out var choiceType) && choiceType.ValueEquals("function")
            && choice.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name", out var functionName)
            && functionName.ValueKind == JsonValueKind.String)
        {
            type = "tool";
            name = functionName.GetString();
        }
        else
        {
            throw new UnsupportedRequestException(
                "tool_choice has no Anthropic equivalent; use auto, required, none or {\"type\":\"function\",\"function\":{\"name\":...}}", "tool_choice");
        }

        json.WriteStartObject("tool_choice");
        json.WriteString("type", type);
        if (name is not null)
        {
            json.WriteString("name", name);
        }

        if (serial && type != "none")
        {
            json.WriteBoolean("disable_parallel_tool_use", true);
        }

        json.WriteEndObject();
    }
}
