using System.Buffers;
using System.Text.Json;
using Gateway.Backends;

namespace Gateway.Resilience;

/// <summary>
/// Shortens a prompt to fit a context window by dropping its oldest turns. System and developer messages and the last message are
/// always kept; an assistant message's tool results go with it, so no tool result is left without the call it answers.
/// </summary>
internal static class PromptTruncator
{
    /// <summary>
    /// Which messages to keep so that <paramref name="size"/> fits in <paramref name="window"/>; null when even the kept minimum
    /// does not fit. <paramref name="keep"/>[i] tells whether message i stays.
    /// </summary>
    public static bool[]? Plan(JsonElement messages, PromptSize size, int window)
    {
        var roles = new string?[size.PerMessage.Length];
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            roles[i++] = message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String ? role.GetString() : null;
        }

        var keep = new bool[roles.Length];
        Array.Fill(keep, true);
        var total = size.Total;
        var last = roles.Length - 1;
        for (var next = 0; next < last && total > window; next++)
        {
            if (!keep[next] || roles[next] is "system" or "developer")
            {
                continue;
            }

            keep[next] = false;
            total -= size.PerMessage[next];

            // The tool results answering a dropped call, and results left at the front without their call, go too.
            while (next + 1 < last && roles[next + 1] == "tool")
            {
                next++;
                keep[next] = false;
                total -= size.PerMessage[next];
            }
        }

        return total <= window ? keep : null;
    }

    /// <summary>A copy of <paramref name="request"/> with only the kept messages; every other field is carried over as it was.</summary>
    public static ChatRequest Apply(ChatRequest request, bool[] keep)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var property in request.Root.EnumerateObject())
            {
                if (property.NameEquals("messages"))
                {
                    json.WritePropertyName(property.Name);
                    json.WriteStartArray();
                    var i = 0;
                    foreach (var message in property.Value.EnumerateArray())
                    {
                        if (keep[i++])
                        {
                            message.WriteTo(json);
                        }
                    }

                    json.WriteEndArray();
                }
                else
                {
                    property.WriteTo(json);
                }
            }

            json.WriteEndObject();
        }

        var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new ChatRequest(document, request.Model, request.Stream, request.IncludeUsage)
        {
            DefaultTemperature = request.DefaultTemperature,
            DefaultMaxTokens = request.DefaultMaxTokens,
        };
    }
}
