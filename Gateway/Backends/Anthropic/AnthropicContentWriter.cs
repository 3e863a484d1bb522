using System.Text.Json;

namespace Gateway.Backends.Anthropic;

/// <summary>Writes Anthropic content blocks (text, image, tool_use, tool_result) from the parts of one OpenAI message.</summary>
internal static class AnthropicContentWriter
{
    /// <summary>A string as one text block, or each part of a content array as its block. Empty text is skipped: Anthropic refuses empty text blocks.</summary>
    public static void WriteParts(Utf8JsonWriter json, JsonElement content, int index)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                WriteText(json, content.GetString());
                break;
            case JsonValueKind.Null:
                break;
            case JsonValueKind.Array:
                var partIndex = 0;
                foreach (var part in content.EnumerateArray())
                {
                    WritePart(json, part, index, partIndex++);
                }

                break;
            default:
                throw new UnsupportedRequestException("content must be a string or an array of content parts", $"messages[{index}].content");
        }
    }

    /// <summary>The assistant's text, then one <c>tool_use</c> block per tool call.</summary>
    public static void WriteAssistant(Utf8JsonWriter json, JsonElement message, int index)
    {
        if (message.TryGetProperty("content", out var content))
        {
            WriteParts(json, content, index);
        }

        if (!message.TryGetProperty("tool_calls", out var calls) || calls.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (calls.ValueKind != JsonValueKind.Array)
        {
            throw new UnsupportedRequestException("tool_calls must be an array", $"messages[{index}].tool_calls");
        }

        var callIndex = 0;
        foreach (var call in calls.EnumerateArray())
        {
            WriteToolUse(json, call, $"messages[{index}].tool_calls[{callIndex++}]");
        }
    }

    /// <summary>A <c>tool</c> message as a <c>tool_result</c> block: <c>tool_call_id</c> becomes <c>tool_use_id</c>.</summary>
    public static void WriteToolResult(Utf8JsonWriter json, JsonElement message, int index)
    {
        if (!message.TryGetProperty("tool_call_id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            throw new UnsupportedRequestException("a tool message needs the tool_call_id it answers", $"messages[{index}].tool_call_id");
        }

        json.WriteStartObject();
        json.WriteString("type", "tool_result");
        json.WriteString("tool_use_id", id.GetString());
        if (message.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                json.WriteString("content", content.GetString());
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                json.WriteStartArray("content");
                WriteParts(json, content, index);
                json.WriteEndArray();
            }
        }

        json.WriteEndObject();
    }

    public static void WriteText(Utf8JsonWriter json, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        json.WriteStartObject();
        json.WriteString("type", "text");
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static void WritePart(Utf8JsonWriter json, JsonElement part, int index, int partIndex)
    {
        var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;
        switch (type)
        {
            case "text" or "refusal":
                WriteText(json, part.TryGetProperty(type, out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null);
                break;
            case "image_url":
                WriteImage(json, part, $"messages[{index}].content[{partIndex}].image_url");
                break;
            default:
                throw new UnsupportedRequestException(
                    $"content part type '{type}' has no Anthropic equivalent; send text or image_url parts", $"messages[{index}].content[{partIndex}].type");
        }
    }

    /// <summary><c>data:&lt;media&gt;;base64,&lt;data&gt;</c> becomes a base64 image source, an http(s) URL a url source.</summary>
    private static void WriteImage(Utf8JsonWriter json, JsonElement part, string path)
    {
        var image = part.TryGetProperty("image_url", out var i) ? i : default;
        var urlElement = image.ValueKind == JsonValueKind.Object && image.TryGetProperty("url", out var u) ? u : image;
        var url = urlElement.ValueKind == JsonValueKind.String ? urlElement.GetString()! : null;
        if (url is null)
        {
            throw new UnsupportedRequestException("an image_url part needs image_url.url", path);
        }

        json.WriteStartObject();
        json.WriteString("type", "image");
        json.WriteStartObject("source");
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = url.IndexOf(',', StringComparison.Ordinal);
            var header = comma < 0 ? ReadOnlySpan<char>.Empty : url.AsSpan(5, comma - 5);
            if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase) || header.Length == ";base64".Length)
            {
                throw new UnsupportedRequestException("Anthropic takes data URLs only as data:<media type>;base64,<data>", path);
            }

            json.WriteString("type", "base64");
            json.WriteString("media_type", header[..^";base64".Length]);
            json.WriteString("data", url.AsSpan(comma + 1));
        }
        else if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            json.WriteString("type", "url");
            json.WriteString("url", url);
        }
        else
        {
            throw new UnsupportedRequestException("an image URL must be http(s) or a base64 data URL", path);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>OpenAI's arguments are a JSON string; Anthropic's <c>input</c> is the object itself.</summary>
    private static void WriteToolUse(Utf8JsonWriter json, JsonElement call, string path)
    {
        if (call.ValueKind != JsonValueKind.Object || (call.TryGetProperty("type", out var type) && !type.ValueEquals("function"))
            || !call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
        {
            throw new UnsupportedRequestException("Anthropic takes only function tool calls", path);
        }

        if (!call.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
            || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw new UnsupportedRequestException("a tool call needs an id and function.name", path);
        }

        json.WriteStartObject();
        json.WriteString("type", "tool_use");
        json.WriteString("id", id.GetString());
        json.WriteString("name", name.GetString());
        json.WritePropertyName("input");
        WriteInput(json, function.TryGetProperty("arguments", out var arguments) ? arguments : default, path + ".function.arguments");
        json.WriteEndObject();
    }

    private static void WriteInput(Utf8JsonWriter json, JsonElement arguments, string path)
    {
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

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw new UnsupportedRequestException("tool call arguments must be a JSON object encoded as a string", path);
        }

        using (parsed)
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UnsupportedRequestException("tool call arguments must be a JSON object encoded as a string", path);
            }

            parsed.RootElement.WriteTo(json);
        }
    }
}
