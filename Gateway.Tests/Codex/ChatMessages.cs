using System.Text;
using System.Text.Json;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Codex;

/// <summary>One message of a translated chat request: its role and its text, parts joined.</summary>
internal sealed record ChatMessage(string Role, string Text);

/// <summary>
/// The messages of a chat request a stand-in received, read the same way whichever protocol carried it: Anthropic's top-level
/// <c>system</c> comes first as a <c>system</c> message, text blocks and parts are joined, and tool calls and results are left out.
/// </summary>
internal static class ChatMessages
{
    public static IReadOnlyList<ChatMessage> Of(UpstreamKind kind, RecordedRequest request)
    {
        var messages = new List<ChatMessage>();
        if (kind == UpstreamKind.Anthropic && request.JsonProperty("system") is { } system)
        {
            messages.Add(new ChatMessage("system", TextOf(system)));
        }

        if (request.JsonProperty("messages") is { ValueKind: JsonValueKind.Array } list)
        {
            messages.AddRange(list.EnumerateArray().Select(message => new ChatMessage(
                ResponsesRequest.Text(message, "role") ?? "(none)",
                message.TryGetProperty("content", out var content) ? TextOf(content) : "")));
        }

        return messages;
    }

    private static string TextOf(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        var text = new StringBuilder();
        if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in content.EnumerateArray())
            {
                if (ResponsesRequest.Text(part, "type") == "text" && ResponsesRequest.Text(part, "text") is { } piece)
                {
                    text.Append(piece).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
