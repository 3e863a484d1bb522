using System.Text;
using System.Text.Json;
using Gateway.Backends;
using static Gateway.Tests.Backends.Anthropic.AnthropicTestKit;

namespace Gateway.Tests.Backends.Anthropic;

/// <summary>Composes Anthropic event streams and reads the OpenAI chunks made from them.</summary>
internal static class AnthropicSse
{
    public static (string Name, string Data) Start(string id) =>
        ("message_start", $$$$"""{"type":"message_start","message":{"id":"{{{{id}}}}","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-20250514","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"output_tokens":1}}}""");

    public static (string Name, string Data) Stop() => ("message_stop", """{"type":"message_stop"}""");

    public static string Sse(params (string Name, string Data)[] events)
    {
        var text = new StringBuilder();
        foreach (var (name, data) in events)
        {
            text.Append("event: ").Append(name).Append('\n').Append("data: ").Append(data).Append("\n\n");
        }

        return text.ToString();
    }

    /// <summary>The text of each chunk whose delta has <c>content</c>, in order.</summary>
    public static string[] ContentOf(IEnumerable<ChatChunk> chunks) =>
        chunks
            .Select(c => Json(c).GetProperty("choices"))
            .Where(choices => choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out _))
            .Select(choices => choices[0].GetProperty("delta").GetProperty("content").GetString()!)
            .ToArray();

    public static JsonElement? ToolCall(ChatChunk chunk)
    {
        var choices = Json(chunk).GetProperty("choices");
        return choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("tool_calls", out var calls) ? calls[0] : null;
    }
}
