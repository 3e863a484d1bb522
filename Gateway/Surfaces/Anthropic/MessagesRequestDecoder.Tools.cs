using System.Text.Json;

namespace Gateway.Surfaces.Anthropic;

internal static partial class MessagesRequestDecoder
{
    /// <summary>Custom tools as function tools with their <c>input_schema</c> as parameters; server tools only the Anthropic backend runs, so they make the request untranslatable.</summary>
    private static (string? Error, string? Param)? WriteTools(JsonElement tools, Utf8JsonWriter json, DecodeNotes ignored)
    {
        if (tools.ValueKind != JsonValueKind.Array)
        {
            return ($"tools: must be a list, not {ChatRequestParser.Describe(tools)}.", "tools");
        }

        json.WriteStartArray("tools");
        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var at = $"tools.{index++}";
            if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                return ($"{at}.name: Field required.", at);
            }

            if (TypeOf(tool) is { } type && type != "custom")
            {
                ignored.CannotTranslate($"{at}.type: '{type}' is one of Anthropic's server tools, which only the Anthropic backend runs; give custom tools with input_schema.");
                continue;
            }

            json.WriteStartObject();
            json.WriteString("type", "function");
            json.WriteStartObject("function");
            json.WriteString("name", name.GetString());
            if (tool.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String)
            {
                json.WriteString("description", description.GetString());
            }

            json.WritePropertyName("parameters");
            if (tool.TryGetProperty("input_schema", out var schema) && schema.ValueKind == JsonValueKind.Object)
            {
                schema.WriteTo(json);
            }
            else
            {
                return ($"{at}.input_schema: Field required (a JSON schema object).", at);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            foreach (var property in tool.EnumerateObject())
            {
                if (property.Name is not ("name" or "description" or "input_schema" or "type"))
                {
                    ignored.Add($"tools.{property.Name}");
                }
            }
        }

        json.WriteEndArray();
        return null;
    }
}
