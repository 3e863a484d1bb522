using System.Text;
using System.Text.Json;

namespace Gateway.Backends.Ollama;

/// <summary>
/// Translates OpenAI chat messages into Ollama's: <c>developer</c> becomes <c>system</c>; content-part arrays become text joined by
/// newlines plus base64 <c>images</c>; assistant tool calls carry their arguments as an object; tool results name the tool they answer.
/// </summary>
internal static class OllamaMessages
{
    public static void Write(Utf8JsonWriter json, JsonElement messages)
    {
        // Tool results in OpenAI name the call they answer (tool_call_id); Ollama wants the tool's name, taken from that call.
        Dictionary<string, string>? toolNames = null;
        json.WriteStartArray();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            WriteMessage(json, message, $"messages[{index}]", ref toolNames);
            index++;
        }

        json.WriteEndArray();
    }

    private static void WriteMessage(Utf8JsonWriter json, JsonElement message, string path, ref Dictionary<string, string>? toolNames)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new UnsupportedRequestException($"{path} must be an object with a role and content.", path);
        }

        var role = message.TryGetProperty("role", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var ollamaRole = role switch
        {
            "system" or "developer" => "system",
            "user" => "user",
            "assistant" => "assistant",
            "tool" or "function" => "tool",
            _ => throw new UnsupportedRequestException(
                $"{path}.role '{role}' cannot be sent to Ollama; use system, developer, user, assistant or tool.", $"{path}.role"),
        };

        json.WriteStartObject();
        json.WriteString("role", ollamaRole);
        WriteContent(json, message, path);
        if (ollamaRole == "assistant")
        {
            WriteToolCalls(json, message, path, ref toolNames);
        }
        else if (ollamaRole == "tool" && ToolNameOf(message, toolNames) is { } toolName)
        {
            json.WriteString("tool_name", toolName);
        }

        json.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter json, JsonElement message, string path)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            json.WriteString("content", string.Empty);
            return;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            json.WritePropertyName("content");
            content.WriteTo(json);
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw new UnsupportedRequestException($"{path}.content must be a string or an array of content parts.", $"{path}.content");
        }

        var text = new StringBuilder();
        var textParts = 0;
        List<string>? images = null;
        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = $"{path}.content[{index++}]";
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            switch (type)
            {
                case "text" or "refusal":
                    var field = type == "text" ? "text" : "refusal";
                    if (part.TryGetProperty(field, out var piece) && piece.ValueKind == JsonValueKind.String)
                    {
                        text.Append(textParts++ == 0 ? string.Empty : "\n").Append(piece.GetString());
                    }

                    break;
                case "image_url":
                    (images ??= []).Add(Base64Image(part, partPath));
                    break;
                default:
                    throw new UnsupportedRequestException(
                        $"{partPath} has type '{type}', which Ollama cannot take; send text parts and images as base64 data: URIs.", partPath);
            }
        }

        json.WriteString("content", text.ToString());
        if (images is not null)
        {
            json.WriteStartArray("images");
            foreach (var image in images)
            {
                json.WriteStringValue(image);
            }

            json.WriteEndArray();
        }
    }

    /// <summary>The base64 payload of a <c>data:image/...;base64,</c> URI; Ollama cannot fetch images by URL.</summary>
    private static string Base64Image(JsonElement part, string path)
    {
        var param = $"{path}.image_url";
        var url = part.TryGetProperty("image_url", out var image) ? image.ValueKind switch
        {
            JsonValueKind.String => image.GetString(),
            JsonValueKind.Object when image.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String => u.GetString(),
            _ => null,
        } : null;

        if (url is null)
        {
            throw new UnsupportedRequestException($"{param}.url is missing.", param);
        }

        const string Marker = ";base64,";
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || comma < 0 || !url.AsSpan(0, comma + 1).EndsWith(Marker, StringComparison.OrdinalIgnoreCase))
        {
            // The URL itself is not repeated: signed URLs carry credentials.
            throw new UnsupportedRequestException(
                $"{param} is not a base64 data: URI. Ollama cannot fetch images by URL; send the image inline as data:image/<type>;base64,<data>.", param);
        }

        return url[(comma + 1)..];
    }

    private static void WriteToolCalls(Utf8JsonWriter json, JsonElement message, string path, ref Dictionary<string, string>? toolNames)
    {
        if (!message.TryGetProperty("tool_calls", out var calls) || calls.ValueKind != JsonValueKind.Array || calls.GetArrayLength() == 0)
        {
            return;
        }

        json.WriteStartArray("tool_calls");
        var index = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var callPath = $"{path}.tool_calls[{index++}]";
            if (call.ValueKind != JsonValueKind.Object
                || !call.TryGetProperty("function", out var function)
                || function.ValueKind != JsonValueKind.Object
                || !function.TryGetProperty("name", out var name)
                || name.ValueKind != JsonValueKind.String)
            {
                throw new UnsupportedRequestException($"{callPath} needs function.name.", callPath);
            }

            if (call.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                (toolNames ??= new(StringComparer.Ordinal))[id.GetString()!] = name.GetString()!;
            }

            json.WriteStartObject();
            json.WriteStartObject("function");
            json.WriteString("name", name.GetString());
            json.WritePropertyName("arguments");
            WriteArguments(json, function, $"{callPath}.function.arguments");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>OpenAI sends arguments as a JSON-encoded string; Ollama wants the object itself.</summary>
    private static void WriteArguments(Utf8JsonWriter json, JsonElement function, string path)
    {
        if (!function.TryGetProperty("arguments", out var arguments) || arguments.ValueKind == JsonValueKind.Null)
        {
            json.WriteStartObject();
            json.WriteEndObject();
            return;
        }

        if (arguments.ValueKind == JsonValueKind.Object)
        {
            arguments.WriteTo(json);
            return;
        }

        var text = arguments.ValueKind == JsonValueKind.String ? arguments.GetString() : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            json.WriteStartObject();
            json.WriteEndObject();
            return;
        }

        try
        {
            using var parsed = JsonDocument.Parse(text);
            if (parsed.RootElement.ValueKind == JsonValueKind.Object)
            {
                parsed.RootElement.WriteTo(json);
                return;
            }
        }
        catch (JsonException)
        {
        }

        throw new UnsupportedRequestException($"{path} must be a JSON object encoded as a string for Ollama.", path);
    }

    private static string? ToolNameOf(JsonElement message, Dictionary<string, string>? toolNames)
    {
        if (message.TryGetProperty("tool_call_id", out var id) && id.ValueKind == JsonValueKind.String
            && toolNames is not null && toolNames.TryGetValue(id.GetString()!, out var name))
        {
            return name;
        }

        // The legacy function role names its function directly.
        return message.TryGetProperty("name", out var own) && own.ValueKind == JsonValueKind.String ? own.GetString() : null;
    }
}
