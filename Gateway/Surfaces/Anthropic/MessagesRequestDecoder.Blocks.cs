using System.Text;
using System.Text.Json;

namespace Gateway.Surfaces.Anthropic;

internal static partial class MessagesRequestDecoder
{
    /// <summary>A <c>tool_result</c> as a <c>tool</c> message: a string, or the text of its blocks; an error result says so in its text.</summary>
    private static string? WriteToolResult(JsonElement block, string at, Utf8JsonWriter json, DecodeNotes ignored)
    {
        if (!block.TryGetProperty("tool_use_id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return $"{at}.tool_use_id: Field required.";
        }

        var text = new StringBuilder();
        if (block.TryGetProperty("is_error", out var isError) && isError.ValueKind == JsonValueKind.True)
        {
            text.Append("Error: ");
        }

        if (block.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                text.Append(content.GetString());
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    if (Text(part) is not { } partText)
                    {
                        ignored.CannotTranslate($"{at}.content: this backend takes tool results as text; '{TypeOf(part) ?? "?"}' blocks cannot be passed to it.");
                        continue;
                    }

                    text.Append(partText);
                }
            }
        }

        json.WriteStartObject();
        json.WriteString("role", "tool");
        json.WriteString("tool_call_id", id.GetString());
        json.WriteString("content", text.ToString());
        json.WriteEndObject();
        return null;
    }

    private static string? WriteImagePart(JsonElement block, string at, Utf8JsonWriter json)
    {
        if (!block.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object)
        {
            return $"{at}.source: Field required.";
        }

        string? url = TypeOf(source) switch
        {
            "base64" when source.TryGetProperty("media_type", out var media) && source.TryGetProperty("data", out var data)
                => $"data:{media.GetString()};base64,{data.GetString()}",
            "url" when source.TryGetProperty("url", out var link) && link.ValueKind == JsonValueKind.String => link.GetString(),
            _ => null,
        };
        if (url is null)
        {
            return $"{at}.source: an image source must be base64 (media_type, data) or url.";
        }

        json.WriteStartObject();
        json.WriteString("type", "image_url");
        json.WriteStartObject("image_url");
        json.WriteString("url", url);
        json.WriteEndObject();
        json.WriteEndObject();
        return null;
    }
}
