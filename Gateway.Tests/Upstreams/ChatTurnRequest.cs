using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Upstreams;

/// <summary>
/// A chat request to a stub read the same way whichever protocol carried it: whether it is one, the tools it offers, whether it wants a
/// stream, and the result of a tool call when its last message carries one. Lets a <see cref="StubUpstream.Responder"/> play a turn
/// of tool use on any backend.
/// </summary>
internal static class ChatTurnRequest
{
    /// <summary>True for the protocol's chat route with a JSON body.</summary>
    public static bool IsChat(UpstreamKind kind, RecordedRequest request) =>
        request.Method == "POST" && request.HasJsonBody && kind switch
        {
            UpstreamKind.OpenAI or UpstreamKind.LMStudio => request.Path == "/v1/chat/completions",
            UpstreamKind.Azure => request.Path.StartsWith("/openai/deployments/", StringComparison.Ordinal)
                && request.Path.EndsWith("/chat/completions", StringComparison.Ordinal),
            UpstreamKind.Anthropic => request.Path == "/v1/messages",
            UpstreamKind.Ollama => request.Path == "/api/chat",
            _ => false,
        };

    /// <summary>Ollama streams unless told not to; the others only when asked.</summary>
    public static bool WantsStream(UpstreamKind kind, RecordedRequest request) => request.JsonBool("stream") ?? kind == UpstreamKind.Ollama;

    /// <summary>The names of the tools the request offers (<c>tools[].name</c> for Anthropic, <c>tools[].function.name</c> elsewhere).</summary>
    public static IReadOnlyList<string> ToolNames(UpstreamKind kind, RecordedRequest request)
    {
        if (request.JsonProperty("tools") is not { ValueKind: JsonValueKind.Array } tools)
        {
            return [];
        }

        return [.. tools.EnumerateArray()
            .Select(tool => kind == UpstreamKind.Anthropic ? tool : tool.TryGetProperty("function", out var function) ? function : default)
            .Select(holder => holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("name", out var name) ? name.GetString() : null)
            .OfType<string>()];
    }

    /// <summary>
    /// The text of the tool results the last message carries (Anthropic: <c>tool_result</c> blocks of a user turn; elsewhere the
    /// trailing <c>tool</c> messages), or null when the request does not answer a tool call.
    /// </summary>
    public static string? ToolResult(UpstreamKind kind, RecordedRequest request)
    {
        if (request.JsonProperty("messages") is not { ValueKind: JsonValueKind.Array } messages || messages.GetArrayLength() == 0)
        {
            return null;
        }

        var all = messages.EnumerateArray().ToArray();
        if (kind == UpstreamKind.Anthropic)
        {
            var blocks = all[^1].TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array
                ? content.EnumerateArray().Where(block => TypeOf(block) == "tool_result").ToArray()
                : [];
            return blocks.Length == 0 ? null : Join(blocks.Select(block => block.TryGetProperty("content", out var result) ? result : default));
        }

        var results = all.Reverse().TakeWhile(message => Role(message) == "tool").Reverse().ToArray();
        return results.Length == 0 ? null : Join(results.Select(message => message.GetProperty("content")));
    }

    private static string Join(IEnumerable<JsonElement> contents)
    {
        var text = new StringBuilder();
        foreach (var content in contents)
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                text.Append(content.GetString());
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray().Where(part => part.TryGetProperty("text", out _)))
                {
                    text.Append(part.GetProperty("text").GetString());
                }
            }
        }

        return text.ToString();
    }

    private static string? Role(JsonElement message) =>
        message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String ? role.GetString() : null;

    private static string? TypeOf(JsonElement block) =>
        block.ValueKind == JsonValueKind.Object && block.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;
}
